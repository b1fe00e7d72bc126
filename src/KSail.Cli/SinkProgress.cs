using KSail.Core;

namespace KSail.Cli;

/// <summary>Passes every progress event of a command to a sink (<see cref="CliContext.ProgressSink"/>), writing nothing itself.</summary>
internal sealed class SinkProgress(IProgress<ProgressEvent> sink) : CliProgress
{
    public override void Report(ProgressEvent value) => sink.Report(value);
}
