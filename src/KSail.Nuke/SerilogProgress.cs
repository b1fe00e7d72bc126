using KSail.Core;
using Serilog;
using Serilog.Events;

namespace KSail.Nuke;

/// <summary>The engine's progress events as Serilog events (what a NUKE build shows), in order, as they happen.</summary>
/// <remarks>Not <see cref="Progress{T}"/>: that posts to the thread pool and may reorder or outlive the task.</remarks>
internal sealed class SerilogProgress(ILogger? logger = null) : IProgress<ProgressEvent>
{
    /// <summary>Logs through Serilog's static <see cref="Log"/> at the time of each event (a NUKE build configures it).</summary>
    public static SerilogProgress Static { get; } = new();

    private ILogger Logger => logger ?? Log.Logger;

    public void Report(ProgressEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var level = value.Level switch
        {
            ProgressLevel.Debug => LogEventLevel.Debug,
            ProgressLevel.Warning => LogEventLevel.Warning,
            _ => LogEventLevel.Information,
        };
        Logger.Write(level, "{Step:l}: {Message:l}", value.Step, value.Message);
    }
}
