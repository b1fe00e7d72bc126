using KSail.Core;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace KSail.Cli.Tests;

/// <summary>How a command's progress looks: a live view on a terminal, lines elsewhere, and what --quiet and --verbose keep.</summary>
public sealed class ProgressTests
{
    [Fact]
    public async Task On_a_terminal_each_finished_step_shows_with_its_duration_and_warnings_show_as_they_come()
    {
        using var screen = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var progress = new LiveProgress(terminal, time);
        await using (progress)
        {
            progress.Report(new ProgressEvent("create nodes", "starting k3d-x-server-0"));
            time.Advance(TimeSpan.FromSeconds(1.5));
            progress.Report(new ProgressEvent("create nodes", "k3d-x-server-0"));
            time.Advance(TimeSpan.FromSeconds(2));
            progress.Report(new ProgressEvent("wait for nodes", "waiting up to 2m"));
            progress.Report(new ProgressEvent("connect", "Docker details", ProgressLevel.Debug));
            progress.Report(new ProgressEvent("host", "no --privileged here", ProgressLevel.Warning));
            time.Advance(TimeSpan.FromSeconds(0.4));
            progress.Report(new ProgressEvent("wait for nodes", "ready after 0.4 s"));
        }

        // The live view redraws in place; its last frame is what stays on the screen.
        var text = screen.ToString();
        var last = text[text.LastIndexOf("✓ create nodes", StringComparison.Ordinal)..];
        Assert.Contains("✓ create nodes: k3d-x-server-0 (3.5s)", last, StringComparison.Ordinal);
        Assert.Contains("! no --privileged here", last, StringComparison.Ordinal);
        Assert.Contains("✓ wait for nodes: ready after 0.4 s (0.4s)", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Docker details", text, StringComparison.Ordinal);
        Assert.Contains('\u001b', text); // redrawn with terminal codes, which redirected output never gets
    }

    [Theory]
    [InlineData("Quiet", new[] { "warning: mind this" })]
    [InlineData("Normal", new[] { "• create nodes: k3d-x-server-0", "warning: mind this" })]
    [InlineData("Verbose", new[] { "connect: Docker 20.10", "• create nodes: k3d-x-server-0", "warning: mind this" })]
    public void As_lines_quiet_keeps_warnings_and_verbose_adds_details_with_timestamps(string level, string[] expected)
    {
        var verbosity = Enum.Parse<Verbosity>(level);
        using var error = new StringWriter();
        var progress = new ConsoleProgress(error, verbosity: verbosity);

        progress.Report(new ProgressEvent("connect", "Docker 20.10", ProgressLevel.Debug));
        progress.Report(new ProgressEvent("create nodes", "k3d-x-server-0"));
        progress.Report(new ProgressEvent("host", "mind this", ProgressLevel.Warning));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Length, lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.EndsWith(expected[i], lines[i], StringComparison.Ordinal);
            Assert.Equal(verbosity == Verbosity.Verbose, System.Text.RegularExpressions.Regex.IsMatch(lines[i], @"^\d\d:\d\d:\d\d\.\d{3} "));
        }
    }

    [Fact]
    public void Redirected_output_gets_lines_and_a_terminal_gets_the_live_view_unless_verbose()
    {
        using var output = new StringWriter();
        var redirected = CliContext.Plain(output, output, ".", new Dictionary<string, string?>());
        var terminal = redirected with { LiveConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }) };

        Assert.IsType<ConsoleProgress>(redirected.CreateProgress());
        Assert.IsType<LiveProgress>(terminal.CreateProgress());
        terminal.Verbosity = Verbosity.Verbose;
        Assert.IsType<ConsoleProgress>(terminal.CreateProgress());
    }

    [Fact]
    public async Task Quiet_and_verbose_together_are_a_usage_error()
    {
        using var dir = new KSail.Testing.ScratchDirectory();
        var run = await Ksail.RunAsync(dir.Path, "--quiet", "--verbose", "version");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--quiet and --verbose cannot be used together", run.Error, StringComparison.Ordinal);
    }
}
