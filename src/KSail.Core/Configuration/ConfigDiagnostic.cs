namespace KSail.Core.Configuration;

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
