namespace KSail.Core;

/// <summary>How much a progress event matters.</summary>
public enum ProgressLevel
{
    /// <summary>Detail for a verbose log.</summary>
    Debug,

    /// <summary>A step started or finished.</summary>
    Info,

    /// <summary>Something the user should know but that does not stop the work.</summary>
    Warning,
}
