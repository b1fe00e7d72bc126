using System.Globalization;
using KSail.Core;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KSail.Cli;

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
