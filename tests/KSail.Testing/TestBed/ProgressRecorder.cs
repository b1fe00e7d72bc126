using System.Collections.Concurrent;

namespace KSail.Testing.TestBed;

/// <summary>
/// Records an engine's progress events and lets a test act at a given point of a wait: the action
/// runs synchronously inside Report, so the engine's wait does not go on until it has run (for
/// example, the API server is stopped between two health checks).
/// </summary>
/// <typeparam name="TEvent">The progress event type.</typeparam>
public sealed class ProgressRecorder<TEvent> : IProgress<TEvent>
{
    private readonly ConcurrentQueue<TEvent> events = new();
    private readonly List<(Func<TEvent, bool> When, Action<TEvent> Act)> triggers = [];

    /// <summary>Every event so far, in order.</summary>
    public IReadOnlyList<TEvent> Events => events.ToArray();

    /// <summary>Runs <paramref name="act"/> once, at the first event that satisfies <paramref name="when"/>.</summary>
    public ProgressRecorder<TEvent> Once(Func<TEvent, bool> when, Action<TEvent> act)
    {
        lock (triggers)
        {
            triggers.Add((when, act));
        }

        return this;
    }

    /// <inheritdoc/>
    public void Report(TEvent value)
    {
        events.Enqueue(value);
        (Func<TEvent, bool> When, Action<TEvent> Act)? fired = null;
        lock (triggers)
        {
            var index = triggers.FindIndex(t => t.When(value));
            if (index >= 0)
            {
                fired = triggers[index];
                triggers.RemoveAt(index);
            }
        }

        fired?.Act(value);
    }
}
