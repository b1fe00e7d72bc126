using KSail.Core;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace KSail.Cli.Mcp;

/// <summary>
/// The progress of one tool call: each engine event (but debug details) becomes a
/// <c>notifications/progress</c> of the call's progress token, in order, its progress a running count
/// and its message the step's text; warnings are kept for the result. Without a token nothing is sent.
/// </summary>
internal sealed class McpCallProgress(McpServer server, ProgressToken? token, CancellationToken ct) : IProgress<ProgressEvent>
{
    private readonly Lock gate = new();
    private readonly List<string> warnings = [];
    private Task sent = Task.CompletedTask;
    private int count;

    /// <summary>The warnings the command reported, as the CLI prints them.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (gate)
            {
                return [.. warnings];
            }
        }
    }

    /// <inheritdoc/>
    public void Report(ProgressEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Level == ProgressLevel.Debug)
        {
            return;
        }

        lock (gate)
        {
            if (value.Level == ProgressLevel.Warning)
            {
                warnings.Add($"warning: {value.Message}");
            }

            if (token is not { } progressToken)
            {
                return;
            }

            var notification = new ProgressNotificationValue { Progress = ++count, Message = $"{value.Step}: {value.Message}" };
            sent = SendAfterAsync(sent, progressToken, notification);
        }
    }

    /// <summary>Waits until every notification reported so far is sent (before the call's result is).</summary>
    public Task FlushAsync()
    {
        lock (gate)
        {
            return sent;
        }
    }

    // One after the other, so the client sees them in the order of the events; a notification that cannot be sent is dropped.
    private async Task SendAfterAsync(Task previous, ProgressToken progressToken, ProgressNotificationValue notification)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await server.NotifyProgressAsync(progressToken, notification, null, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Progress is best effort: a closed transport or a cancelled call must not fail the command.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
