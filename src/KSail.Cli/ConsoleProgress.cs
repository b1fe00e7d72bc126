using System.Globalization;
using KSail.Core;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KSail.Cli;

/// <summary>How much a command tells while it works (<c>--quiet</c>, default, <c>--verbose</c>).</summary>
internal enum Verbosity
{
    /// <summary>Warnings, errors and the result only.</summary>
    Quiet,

    /// <summary>Each step as it happens (a live view on a terminal).</summary>
    Normal,

    /// <summary>Each step and its details, with timestamps, as lines.</summary>
    Verbose,
}

/// <summary>Where a command's progress goes; disposed before the command writes its result.</summary>
internal abstract class CliProgress : IProgress<ProgressEvent>, IAsyncDisposable
{
    public abstract void Report(ProgressEvent value);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Writes progress events to standard error as lines, as they happen, in order (output redirected, CI, or --verbose).</summary>
/// <remarks>
/// With <paramref name="msbuild"/> (the build integration runs ksail), warnings carry a code
/// (KSAIL0100) so MSBuild shows them as warnings a project can silence with NoWarn.
/// </remarks>
internal sealed class ConsoleProgress(TextWriter error, bool timestamps = false, bool msbuild = false, Verbosity verbosity = Verbosity.Normal) : CliProgress
{
    public override void Report(ProgressEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Level switch
        {
            ProgressLevel.Debug => verbosity == Verbosity.Verbose,
            ProgressLevel.Info => verbosity != Verbosity.Quiet,
            _ => true,
        };
        if (!shown)
        {
            return;
        }

        lock (error)
        {
            var stamp = timestamps || verbosity == Verbosity.Verbose ? TimeProvider.System.GetUtcNow().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture) : string.Empty;
            error.WriteLine(value.Level switch
            {
                ProgressLevel.Warning when msbuild => $"ksail : warning KSAIL0100: {value.Message}",
                ProgressLevel.Warning => $"{stamp}warning: {value.Message}",
                ProgressLevel.Debug => $"{stamp}  {value.Step}: {value.Message}",
                _ => $"{stamp}• {value.Step}: {value.Message}",
            });
        }
    }
}

/// <summary>
/// A live view on a terminal: the finished steps with their durations, and the running step with
/// a spinner, its latest message and the time it has taken so far (kind's and k3d's style).
/// </summary>
internal sealed class LiveProgress : CliProgress
{
    private const int MaxFinishedShown = 30;
    private readonly Lock gate = new();
    private readonly List<IRenderable> finished = [];
    private readonly TimeProvider time;
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DateTimeOffset started;
    private readonly Task display;
    private string? step;
    private string message = string.Empty;
    private DateTimeOffset stepStarted;

    public LiveProgress(IAnsiConsole console, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        this.time = time ?? TimeProvider.System;
        started = stepStarted = this.time.GetUtcNow();
        display = console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            while (!done.Task.IsCompleted)
            {
                live.UpdateTarget(Render());
                await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromMilliseconds(100), this.time)).ConfigureAwait(false);
            }

            live.UpdateTarget(Render());
        });
    }

    public override void Report(ProgressEvent value)
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
                finished.Add(new Markup($"[yellow]![/] {Markup.Escape(value.Message)}"));
                return;
            }

            if (value.Step != step)
            {
                FinishStep();
                step = value.Step;
                stepStarted = time.GetUtcNow();
            }

            message = value.Message;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            FinishStep();
            step = null;
        }

        done.TrySetResult();
        await display.ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void FinishStep()
    {
        if (step is not null)
        {
            finished.Add(new Markup($"[green]✓[/] {Markup.Escape(step)}: {Markup.Escape(message)} [grey]({Seconds(time.GetUtcNow() - stepStarted)})[/]"));
        }
    }

    private Rows Render()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var lines = finished.Skip(Math.Max(0, finished.Count - MaxFinishedShown)).ToList();
            if (step is not null)
            {
                var frames = Spinner.Known.Dots.Frames;
                var frame = frames[(int)((now - started).TotalMilliseconds / Spinner.Known.Dots.Interval.TotalMilliseconds) % frames.Count];
                lines.Add(new Markup($"[blue]{Markup.Escape(frame)}[/] {Markup.Escape(step)}: {Markup.Escape(message)} [grey]({Seconds(now - stepStarted)}, {Seconds(now - started)} in all)[/]"));
            }

            return new Rows(lines);
        }
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture);
}
