namespace KSail.Core.Configuration;

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
