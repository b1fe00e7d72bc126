namespace KSail.Core.Configuration;

/// <summary>How bad a configuration problem is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The cluster cannot be created as declared.</summary>
    Error,

    /// <summary>The declaration is accepted, but something in it has no effect.</summary>
    Warning,
}
