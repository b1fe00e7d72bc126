namespace KSail.Core;

/// <summary>What the engine reports while it works; every surface turns these into its own output.</summary>
/// <param name="Step">The step, e.g. <c>create nodes</c>.</param>
/// <param name="Message">What happened.</param>
/// <param name="Level">How much it matters.</param>
public sealed record ProgressEvent(string Step, string Message, ProgressLevel Level = ProgressLevel.Info);
