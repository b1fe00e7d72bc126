namespace KSail.Core.Configuration;

/// <summary>A port published from a node to the host.</summary>
/// <param name="Node">The node container that publishes it.</param>
/// <param name="ListenAddress">The host address (0.0.0.0 for all).</param>
/// <param name="HostPort">The host port; 0 lets Docker choose a free one.</param>
/// <param name="ContainerPort">The port in the node.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Purpose">Why it is published (the Kubernetes API, or the user's mapping).</param>
/// <param name="DeclaredAt">Where the mapping is declared, when it is declared in a file.</param>
public sealed record PublishedPort(string Node, string ListenAddress, int HostPort, int ContainerPort, string Protocol, string Purpose, SourceLocation? DeclaredAt = null)
{
    /// <summary>
    /// The nodes a load balancer forwards the port to (k3d's proxied ports: the API to the servers,
    /// <c>loadbalancer</c> ports to every server and agent); empty when <see cref="Node"/> serves it itself.
    /// </summary>
    public IReadOnlyList<string> ProxiedTo { get; init; } = [];
}
