namespace KSail.Core.Providers.Docker;

/// <summary>A port published from a container to the host.</summary>
/// <param name="HostAddress">The host address to listen on.</param>
/// <param name="HostPort">The host port; 0 lets Docker choose a free one.</param>
/// <param name="ContainerPort">The port in the container.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</param>
public sealed record PortPublication(string HostAddress, int HostPort, int ContainerPort, string Protocol = "tcp");
