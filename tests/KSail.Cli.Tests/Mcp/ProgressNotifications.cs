using System.Collections.Concurrent;
using System.Threading.Channels;
using ModelContextProtocol;

namespace KSail.Cli.Tests.Mcp;

/// <summary>The <c>notifications/progress</c> of one tool call, in the order they arrived (given to the SDK's client as the call's progress).</summary>
internal sealed class ProgressNotifications : IProgress<ProgressNotificationValue>
{
    private readonly ConcurrentQueue<ProgressNotificationValue> received = new();
    private readonly Channel<ProgressNotificationValue> arrivals = Channel.CreateUnbounded<ProgressNotificationValue>();

    /// <summary>Every notification so far.</summary>
    public IReadOnlyList<ProgressNotificationValue> Received => [.. received];

    /// <summary>Completes when a notification arrives that was not waited for yet.</summary>
    public Task WaitForNextAsync(CancellationToken ct) => arrivals.Reader.ReadAsync(ct).AsTask();

    /// <summary>
    /// The notifications ordered by their count, once every count up to the highest seen has arrived:
    /// the SDK's client hands notifications to the handler as tasks of their own, so one sent before
    /// the call's result may reach it just after. Waits at most <paramref name="limit"/> for a missing one.
    /// </summary>
    public async Task<IReadOnlyList<ProgressNotificationValue>> InOrderAsync(TimeSpan limit, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(limit);
        try
        {
            while (!received.IsEmpty && received.Count < received.Max(v => v.Progress))
            {
                await WaitForNextAsync(bound.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A count that never arrives: the caller's assertion names it.
        }

        return [.. received.OrderBy(v => v.Progress)];
    }

    /// <inheritdoc/>
    public void Report(ProgressNotificationValue value)
    {
        received.Enqueue(value);
        arrivals.Writer.TryWrite(value);
    }

    /// <summary>The notifications as lines (progress and message), for failure messages.</summary>
    public override string ToString() => string.Join('\n', received.Select(v => $"{v.Progress}: {v.Message}"));
}
