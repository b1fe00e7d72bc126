using Cake.Core.Diagnostics;
using KSail.Core;

namespace KSail.Cake;

/// <summary>The engine's progress events as Cake log lines: Info is Information, Warning is Warning, Debug is Verbose.</summary>
internal sealed class CakeLogProgress(ICakeLog log) : IProgress<ProgressEvent>
{
    private readonly Lock gate = new();

    public void Report(ProgressEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (verbosity, level) = value.Level switch
        {
            ProgressLevel.Warning => (Verbosity.Minimal, LogLevel.Warning),
            ProgressLevel.Debug => (Verbosity.Verbose, LogLevel.Verbose),
            _ => (Verbosity.Normal, LogLevel.Information),
        };

        // Events come from the engine's threads; one line at a time. The text goes in as an
        // argument, never as the format, so braces in messages are printed as they are.
        lock (gate)
        {
            log.Write(verbosity, level, "{0}: {1}", value.Step, value.Message);
        }
    }
}
