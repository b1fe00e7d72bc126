using KSail.Core.Configuration;
using Spectre.Console;

namespace KSail.Cli;

/// <summary>What a command run sees of the world: its output, its directory and its environment.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="WorkingDirectory">The current directory.</param>
/// <param name="Environment">The environment variables.</param>
internal sealed record CliContext(IAnsiConsole Out, TextWriter Error, string WorkingDirectory, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The context of this process.</summary>
    public static CliContext FromProcess()
    {
        var environment = ClusterLoadOptions.ReadProcessEnvironment();
        return new(AnsiConsole.Console, Console.Error, Directory.GetCurrentDirectory(), environment)
        {
            LiveConsole = IsInteractiveTerminal(environment)
                ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
                : null,
        };
    }

    /// <summary>
    /// Writes a line of a command's result to standard output as it is: not through Spectre's
    /// WriteLine, which wraps long lines at its width (80 when redirected) and so breaks paths and URLs.
    /// </summary>
    public void WriteLine(string text) => Out.Profile.Out.Writer.WriteLine(text);

    /// <summary>How much commands tell while they work (set from <c>--quiet</c>/<c>--verbose</c> before a command runs).</summary>
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    /// <summary>Standard error as a terminal that can show a live view; null when redirected, in CI or on a dumb terminal.</summary>
    public IAnsiConsole? LiveConsole { get; init; }

    /// <summary>
    /// The progress of one command: a live view on a terminal, else lines on standard error (also
    /// with <c>--verbose</c>, in CI, and for the build integration). Dispose it before writing the result.
    /// </summary>
    public CliProgress CreateProgress() =>
        ProgressSink is { } sink ? new SinkProgress(sink)
        : LiveConsole is { } terminal && Verbosity == Verbosity.Normal && !MSBuildDiagnostics
            ? new LiveProgress(terminal)
            : new ConsoleProgress(Error, msbuild: MSBuildDiagnostics, verbosity: Verbosity);

    /// <summary>The progress of one command as lines on standard error (never a live view), or to <see cref="ProgressSink"/> when set.</summary>
    public CliProgress CreateLineProgress() =>
        ProgressSink is { } sink ? new SinkProgress(sink) : new ConsoleProgress(Error, msbuild: MSBuildDiagnostics, verbosity: Verbosity);

    /// <summary>
    /// Where the progress of commands goes instead of standard error, when set: the MCP server turns
    /// each event into a progress notification of the tool call (<c>ksail open mcp</c>).
    /// </summary>
    public IProgress<KSail.Core.ProgressEvent>? ProgressSink { get; init; }

    /// <summary>
    /// Where the output of child processes (<c>ksail test</c>'s <c>dotnet test</c>) goes, when set, instead
    /// of this process's standard output (the MCP server's is the protocol's). Written to from other threads.
    /// </summary>
    public TextWriter? ChildOutput { get; init; }

    private static bool IsInteractiveTerminal(IReadOnlyDictionary<string, string?> environment) =>
        !Console.IsErrorRedirected
        && string.IsNullOrEmpty(environment.GetValueOrDefault("CI"))
        && !string.Equals(environment.GetValueOrDefault("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>A context writing plain text (no colours, no terminal codes) to <paramref name="output"/>.</summary>
    public static CliContext Plain(TextWriter output, TextWriter error, string workingDirectory, IReadOnlyDictionary<string, string?> environment) => new(
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        }),
        error,
        workingDirectory,
        environment);

    /// <summary>
    /// Errors as MSBuild reads them (<c>file(line,col): error KSAIL0003: ...</c>) when the build
    /// integration runs ksail (environment variable <c>KSAIL_DIAGNOSTIC_FORMAT=msbuild</c>).
    /// </summary>
    public bool MSBuildDiagnostics => Environment.TryGetValue("KSAIL_DIAGNOSTIC_FORMAT", out var format) && string.Equals(format, "msbuild", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes a problem of a declaration to standard error.</summary>
    public void Report(ConfigDiagnostic diagnostic) => Error.WriteLine(MSBuildDiagnostics ? MSBuildLine(diagnostic) : diagnostic.ToString());

    /// <summary>An error or warning in MSBuild's canonical form, its code the exit code (KSAIL0003 for configuration).</summary>
    public static string MSBuildLine(ConfigDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var origin = diagnostic.Location.Line > 0
            ? $"{diagnostic.Location.File}({diagnostic.Location.Line},{diagnostic.Location.Column})"
            : diagnostic.Location.File;
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{origin}: {severity} KSAIL{KSail.Core.ExitCodes.InvalidConfiguration:0000}: {diagnostic.Message}";
    }

    /// <summary>A failure with its exit code, as a line MSBuild reads as an error when <see cref="MSBuildDiagnostics"/>.</summary>
    public string FailureLine(int exitCode, string message) =>
        MSBuildDiagnostics ? $"ksail : error KSAIL{exitCode:0000}: {message}" : $"error: {message}";
}
