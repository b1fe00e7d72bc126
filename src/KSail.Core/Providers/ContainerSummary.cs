namespace KSail.Core.Providers;

/// <summary>A node (on Docker: a container) found by its labels.</summary>
/// <param name="Id">The provider's id of the node.</param>
/// <param name="Name">The node name.</param>
/// <param name="State">The provider's state: on Docker running, exited, created, ...</param>
/// <param name="Labels">Its labels.</param>
public sealed record ContainerSummary(string Id, string Name, string State, IReadOnlyDictionary<string, string> Labels);
