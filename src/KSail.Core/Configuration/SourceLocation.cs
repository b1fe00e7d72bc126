namespace KSail.Core.Configuration;

/// <summary>Where a configuration value came from: a place in a file, an environment variable or a command-line option.</summary>
/// <param name="File">The file, or the name of the environment variable or option.</param>
/// <param name="Line">1-based line in the file; 0 when the value did not come from a file.</param>
/// <param name="Column">1-based column in the file; 0 when the value did not come from a file.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A value given by an environment variable.</summary>
    public static SourceLocation FromEnvironment(string variable) => new($"environment variable {variable}", 0, 0);

    /// <summary>A value given on the command line or by a caller of the API.</summary>
    public static SourceLocation FromArgument(string argument) => new($"argument {argument}", 0, 0);

    /// <summary>The start of a file (for problems that belong to no single line).</summary>
    public static SourceLocation StartOf(string file) => new(file, 1, 1);

    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
