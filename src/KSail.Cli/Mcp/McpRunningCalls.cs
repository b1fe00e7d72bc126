using System.Collections.Concurrent;

namespace KSail.Cli.Mcp;

/// <summary>
/// The tool calls still running. When the client goes away (standard input closes) or the server is
/// stopped, they are cancelled as Ctrl+C cancels a command, and the server waits for them to clean up
/// (a create deletes what it had made) before the process ends.
/// </summary>
internal sealed class McpRunningCalls : IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Runs <paramref name="call"/> with a token cancelled by <paramref name="ct"/> (the request's) or <see cref="CancelAndWaitAsync"/>.</summary>
    public async ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping.Token);
        var task = call(linked.Token).AsTask();
        running.TryAdd(task, 0);
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            running.TryRemove(task, out _);
        }
    }

    /// <summary>Cancels every call that is running (and any that starts after).</summary>
    public void Cancel() => stopping.Cancel();

    /// <summary>Cancels every call that is running and waits until each has ended (however it ends).</summary>
    public async Task CancelAndWaitAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running.Keys).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // How a call ended was its result's business; here only its end counts.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <inheritdoc/>
    public void Dispose() => stopping.Dispose();
}
