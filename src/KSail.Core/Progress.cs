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

/// <summary>What the engine reports while it works; every surface turns these into its own output.</summary>
/// <param name="Step">The step, e.g. <c>create nodes</c>.</param>
/// <param name="Message">What happened.</param>
/// <param name="Level">How much it matters.</param>
public sealed record ProgressEvent(string Step, string Message, ProgressLevel Level = ProgressLevel.Info);
