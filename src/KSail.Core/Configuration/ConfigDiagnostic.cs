namespace KSail.Core.Configuration;

/// <summary>How bad a configuration problem is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The cluster cannot be created as declared.</summary>
    Error,

    /// <summary>The declaration is accepted, but something in it has no effect.</summary>
    Warning,
}

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

/// <summary>One problem found in a cluster declaration.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Location">Where the offending value is.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record ConfigDiagnostic(DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Collects every problem of a load, so all of them are reported together.</summary>
public sealed class DiagnosticBag
{
    private readonly List<ConfigDiagnostic> items = [];

    /// <summary>Every problem found so far, in the order found.</summary>
    public IReadOnlyList<ConfigDiagnostic> Items => items;

    /// <summary>Whether any problem is an error.</summary>
    public bool HasErrors => items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Records an error.</summary>
    public void Error(SourceLocation location, string message) => items.Add(new(DiagnosticSeverity.Error, location, message));

    /// <summary>Records a warning.</summary>
    public void Warning(SourceLocation location, string message) => items.Add(new(DiagnosticSeverity.Warning, location, message));
}

/// <summary>A cluster declaration that cannot be used; carries every problem found (exit code 3).</summary>
public sealed class ConfigurationException : KSailException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ConfigurationException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(Format(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Creates the exception for one problem.</summary>
    public ConfigurationException(SourceLocation location, string message)
        : this([new ConfigDiagnostic(DiagnosticSeverity.Error, location, message)])
    {
    }

    /// <summary>Creates an exception without diagnostics (for serializers and analyzers).</summary>
    public ConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ConfigurationException(string message)
        : base(message) => Diagnostics = [];

    /// <summary>Creates an exception with a message and its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Diagnostics = [];

    /// <summary>Every problem found, errors and warnings, in the order found.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    /// <inheritdoc/>
    public override int ExitCode => ExitCodes.InvalidConfiguration;

    private static string Format(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return $"The cluster declaration has {errors} error{(errors == 1 ? string.Empty : "s")}:"
            + Environment.NewLine
            + string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d));
    }
}
