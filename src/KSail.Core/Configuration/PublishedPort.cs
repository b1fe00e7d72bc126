namespace KSail.Core.Configuration;

/// <summary>A port published from a node to the host.</summary>
/// <param name="Node">The node container that publishes it.</param>
/// <param name="ListenAddress">The host address (0.0.0.0 for all).</param>
/// <param name="HostPort">The host port; 0 when the config names none: a free one is picked when the node is created, and kept (FIDELITY S1, K20); -1 (kind's) leaves the choice to Docker at each start.</param>
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

    /// <summary>
    /// Whether <see cref="HostPort"/> was picked as free at create for a mapping that names none (as
    /// k3d picks the API port before it creates the nodes); the provider may pick another when it is
    /// taken by the time the node starts.
    /// </summary>
    public bool Chosen { get; init; }
}
