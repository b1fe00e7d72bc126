using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace KSail.Nuke.Tests;

/// <summary>Serilog's static <see cref="Log"/> (what a NUKE build prints) captured while alive, then restored.</summary>
public sealed class LogCapture : ILogEventSink, IDisposable
{
    private readonly ILogger previous = Log.Logger;
    private readonly List<LogEvent> events = [];

    public LogCapture() => Log.Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    /// <summary>The events so far, rendered as "LEVEL message".</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (events)
            {
                return events.Select(e => $"{e.Level} {e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (events)
        {
            events.Add(logEvent);
        }
    }

    public void Dispose()
    {
        (Log.Logger as IDisposable)?.Dispose();
        Log.Logger = previous;
    }
}
