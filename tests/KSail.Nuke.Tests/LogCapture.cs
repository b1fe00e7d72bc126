using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace KSail.Nuke.Tests;

/// <summary>Serilog's static <see cref="Log"/> (what a NUKE build prints) captured while alive, then restored.</summary>
public sealed class LogCapture : IDisposable
{
    private readonly ILogger previous = Log.Logger;
    private readonly Sink sink = new();
    private readonly Logger logger;

    public LogCapture()
    {
        logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        Log.Logger = logger;
    }

    /// <summary>The events so far, rendered as "Level message".</summary>
    public IReadOnlyList<string> Lines => sink.Lines();

    public void Dispose()
    {
        Log.Logger = previous;
        logger.Dispose();
    }

    private sealed class Sink : ILogEventSink
    {
        private readonly List<LogEvent> events = [];

        public void Emit(LogEvent logEvent)
        {
            lock (events)
            {
                events.Add(logEvent);
            }
        }

        public List<string> Lines()
        {
            lock (events)
            {
                return events.Select(e => $"{e.Level} {e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
            }
        }
    }
}
