namespace KSail.Core.Providers.Docker;

/// <summary>A port published from a container to the host.</summary>
/// <param name="HostAddress">The host address to listen on.</param>
/// <param name="HostPort">The host port; 0 has the provider pick a free one when the container is run (<see cref="HostPorts"/>), published as that fixed number; -1 leaves it to Docker, a new one at each start (kind's -1).</param>
/// <param name="ContainerPort">The port in the container.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</param>
public sealed record PortPublication(string HostAddress, int HostPort, int ContainerPort, string Protocol = "tcp")
{
    /// <summary>
    /// Whether <see cref="HostPort"/> was picked by KSail.NET for a mapping that names none: when it is
    /// taken by the time the container starts, the provider picks another.
    /// </summary>
    public bool Chosen { get; init; }
}
