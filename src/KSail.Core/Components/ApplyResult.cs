namespace KSail.Core.Components;

/// <summary>What applying a component did.</summary>
/// <param name="Created">Objects that did not exist.</param>
/// <param name="Updated">Objects that differed from the manifest.</param>
/// <param name="Unchanged">Objects that already matched (a re-run changes nothing).</param>
public sealed record ApplyResult(int Created, int Updated, int Unchanged);
