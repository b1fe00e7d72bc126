using k8s;
using k8s.Autorest;

namespace KSail.Testing.TestBed;

/// <summary>Waits for a Kubernetes object by watching, never by sleeping.</summary>
public static class Watch
{
    /// <summary>The first object of a list-and-watch that satisfies <paramref name="predicate"/>.</summary>
    /// <exception cref="TimeoutException">None did within <paramref name="timeout"/>.</exception>
    public static async Task<T> FirstAsync<T, TList>(
        Task<HttpOperationResponse<TList>> listWithWatch,
        Func<T, bool> predicate,
        TimeSpan timeout,
        CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
#pragma warning disable CS0618 // WatchAsync on the response is the client's documented way to watch a list call.
            await foreach (var (type, item) in listWithWatch.WatchAsync<T, TList>(cancellationToken: limit.Token).ConfigureAwait(false))
#pragma warning restore CS0618
            {
                if (type is WatchEventType.Added or WatchEventType.Modified && predicate(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no {typeof(T).Name} matched within {timeout}");
    }

    /// <summary>
    /// As <see cref="FirstAsync{T, TList}(Task{HttpOperationResponse{TList}}, Func{T, bool}, TimeSpan, CancellationToken)"/>,
    /// for an API server that may still be starting or drops a watch under load: a refused connection or
    /// a watch ended by the server starts the watch again.
    /// </summary>
    public static async Task<T> FirstOnceServedAsync<T, TList>(
        Func<CancellationToken, Task<HttpOperationResponse<TList>>> listWithWatch,
        Func<T, bool> predicate,
        TimeSpan timeout,
        TimeProvider? time = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(listWithWatch);
        time ??= TimeProvider.System;
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            try
            {
                return await FirstAsync(listWithWatch(ct), predicate, deadline - time.GetUtcNow(), ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct).ConfigureAwait(false);
            }
        }
    }
}
