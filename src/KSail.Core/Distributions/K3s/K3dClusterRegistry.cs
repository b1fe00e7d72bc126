namespace KSail.Core.Distributions.K3s;

/// <summary>A registry container the cluster uses (k3d.yaml's <c>registries.use</c>, or the one <c>registries.create</c> made), as registries.yaml names it.</summary>
/// <param name="Name">The container's name, the registry's host in the cluster's network.</param>
/// <param name="InternalPort">The port the registry listens on in its container.</param>
/// <param name="HostPort">The host port it is published on.</param>
/// <param name="RemoteUrl">The registry it mirrors when it is a pull-through cache, else null.</param>
/// <param name="HostAddress">The host name or address its port is published on (<c>registries.create.host</c>).</param>
internal sealed record K3dClusterRegistry(string Name, int InternalPort, int HostPort, string? RemoteUrl, string HostAddress = "0.0.0.0");
