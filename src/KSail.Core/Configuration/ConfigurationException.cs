namespace KSail.Core.Configuration;

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
