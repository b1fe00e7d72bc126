namespace KSail.Core.Providers;

/// <summary>What a removal by labels removed.</summary>
/// <param name="Containers">Node (container) names.</param>
/// <param name="Networks">Network names.</param>
/// <param name="Volumes">Volume names.</param>
public sealed record RemovedResources(IReadOnlyList<string> Containers, IReadOnlyList<string> Networks, IReadOnlyList<string> Volumes);
