namespace KSail.Core.Configuration;

/// <summary>One node container of the cluster, named as the distribution's tool names it.</summary>
/// <param name="Name">The container name, as the distribution's tool names its nodes.</param>
/// <param name="Role">What the node does.</param>
/// <param name="Image">The image it runs.</param>
public sealed record NodeDefinition(string Name, NodeRole Role, string Image);
