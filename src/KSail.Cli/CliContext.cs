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
    public static CliContext FromProcess() => new(
        AnsiConsole.Console,
        Console.Error,
        Directory.GetCurrentDirectory(),
        ClusterLoadOptions.ReadProcessEnvironment());

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

    /// <summary>Writes a problem of a declaration to standard error.</summary>
    public void Report(ConfigDiagnostic diagnostic) => Error.WriteLine(diagnostic.ToString());
}
