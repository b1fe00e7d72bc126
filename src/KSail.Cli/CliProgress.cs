using KSail.Core;

namespace KSail.Cli;

/// <summary>Where a command's progress goes; disposed before the command writes its result.</summary>
internal abstract class CliProgress : IProgress<ProgressEvent>, IAsyncDisposable
{
    public abstract void Report(ProgressEvent value);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
