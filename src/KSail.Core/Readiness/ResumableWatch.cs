using k8s;
using k8s.Models;
using Polly;

namespace KSail.Core.Readiness;

/// <summary>
/// A list-then-watch of one kind of object, as client-go's reflector does it: the objects are
/// listed once, then watched from the list's resourceVersion; a dropped connection is resumed from
/// the last resourceVersion seen (the transport pipeline retries it), and only an expired
/// resourceVersion (410 Gone) lists again. The predicate sees the whole set after every change.
/// </summary>
internal sealed class ResumableWatch<T, TList>
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    private readonly ListCall<TList> call;
    private readonly ResiliencePipeline transport;
    private readonly Dictionary<string, T> objects = new(StringComparer.Ordinal);
    private string? resourceVersion;

    /// <summary>Creates the watch; <paramref name="transport"/> retries transport failures.</summary>
    public ResumableWatch(ListCall<TList> call, ResiliencePipeline transport)
    {
        this.call = call;
        this.transport = transport;
    }

    /// <summary>The objects as last seen.</summary>
    public IReadOnlyCollection<T> Objects => objects.Values;

    /// <summary>Whether the objects have been listed at least once.</summary>
    public bool Listed { get; private set; }

    /// <summary>How many times a watch connection was opened (for diagnosis).</summary>
    public int Connections { get; private set; }

    /// <summary>Lists and watches until <paramref name="done"/> holds for the set of objects.</summary>
    public async Task UntilAsync(Func<IReadOnlyCollection<T>, bool> done, CancellationToken ct)
    {
        while (!await transport.ExecuteAsync(async token => await ConnectAsync(done, token).ConfigureAwait(false), ct).ConfigureAwait(false))
        {
            // The server closed the watch (its request timeout) or the resourceVersion expired: go on.
        }
    }

    private static string Key(T item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    private async ValueTask<bool> ConnectAsync(Func<IReadOnlyCollection<T>, bool> done, CancellationToken ct)
    {
        if (resourceVersion is null)
        {
            using var listed = await call(null, false, ct).ConfigureAwait(false);
            objects.Clear();
            foreach (var item in listed.Body.Items)
            {
                objects[Key(item)] = item;
            }

            resourceVersion = listed.Body.Metadata?.ResourceVersion;
            Listed = true;
            if (done(Objects))
            {
                return true;
            }
        }

        var relist = false;
        Connections++;
        using var response = await call(resourceVersion, true, ct).ConfigureAwait(false);
#pragma warning disable CS0618 // WatchAsync on the response is the client's documented way to watch a list call.
        var events = Task.FromResult(response).WatchAsync<T, TList>(
            error => relist |= error is KubernetesException, // a Status event: 410 Gone (resourceVersion too old) or another server error
            ct);
#pragma warning restore CS0618
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            if (item?.Metadata?.ResourceVersion is { } version)
            {
                resourceVersion = version;
            }

            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    objects[Key(item!)] = item!;
                    break;
                case WatchEventType.Deleted:
                    objects.Remove(Key(item!));
                    break;
                default:
                    continue; // Bookmark: only the resourceVersion moves.
            }

            if (done(Objects))
            {
                return true;
            }
        }

        if (relist)
        {
            resourceVersion = null;
        }

        return false;
    }
}
