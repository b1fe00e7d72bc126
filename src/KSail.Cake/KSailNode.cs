namespace KSail.Cake;

/// <summary>One node container of a cluster.</summary>
/// <param name="Name">The container name.</param>
/// <param name="State">Docker's state, e.g. <c>running</c>.</param>
public sealed record KSailNode(string Name, string State);
