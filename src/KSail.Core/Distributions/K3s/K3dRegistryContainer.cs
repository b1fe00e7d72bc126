using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KSail.Core.Configuration;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// The registry container of k3d.yaml's <c>registries.create</c>, as k3d makes it
/// (<c>pkg/config/transform.go:322-358</c>, <c>pkg/client/registry.go</c> <c>RegistryCreate</c>,
/// <c>cmd/util/ports.go</c> <c>ParsePortExposureSpec</c>): named <c>k3d-&lt;cluster&gt;-registry</c> unless
/// named, k3d's registry image unless another is given, port 5000 published on <c>host</c> (0.0.0.0)
/// at <c>hostPort</c> (a free one for <c>random</c> or none), on Docker's default bridge, labelled as k3d
/// labels it (and so removed with the cluster), restarted unless stopped, with the pull-through
/// settings and volumes declared.
/// </summary>
internal static class K3dRegistryContainer
{
    /// <summary>k3d's registry image (<c>pkg/types/images.go</c>).</summary>
    public const string DefaultImage = "docker.io/library/registry:2";

    /// <summary>The port the registry listens on in its container (k3d's <c>DefaultRegistryPort</c>).</summary>
    public const int DefaultPort = 5000;

    /// <summary>The container k3d creates for <paramref name="create"/>, and the registry as registries.yaml names it.</summary>
    /// <exception cref="FormatException"><c>hostPort</c> is neither a port nor <c>random</c>, or <c>host</c> does not resolve to an IPv4 address.</exception>
    public static (ContainerSpec Spec, K3dClusterRegistry Registry) For(ClusterDefinition cluster, K3dRegistryCreate create, CreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(options);
        var name = create.Name is { Length: > 0 } given ? given : $"k3d-{cluster.Name}-registry";
        var (hostName, hostIp) = Binding(create.Host);
        var hostPort = create.HostPort is null or "" or "random"
            ? HostPorts.Free(hostIp)
            : int.TryParse(create.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
                ? port
                : throw new FormatException($"registries.create.hostPort is '{create.HostPort}'; use a port from 1 to 65535, or random");
        var internalPort = create.EnforcePortMatch == true ? hostPort : DefaultPort;

        var environment = new List<string>();
        if (create.EnforcePortMatch == true)
        {
            environment.Add($"REGISTRY_HTTP_ADDR=:{hostPort.ToString(CultureInfo.InvariantCulture)}");
        }

        var proxy = create.Proxy;
        if (proxy?.RemoteUrl is { Length: > 0 } remote)
        {
            environment.Add($"REGISTRY_PROXY_REMOTEURL={remote}");
            if (proxy.Username is { Length: > 0 } user)
            {
                environment.Add($"REGISTRY_PROXY_USERNAME={user}");
            }

            if (proxy.Password is { Length: > 0 } password)
            {
                environment.Add($"REGISTRY_PROXY_PASSWORD={password}");
            }
        }

        var labels = ResourceLabels.For(cluster.Name, "registry", options.ExtraLabels);
        labels[K3sProvisioner.ClusterLabel] = cluster.Name;
        labels[K3sProvisioner.RoleLabel] = "registry";
        labels["app"] = "k3d";
        labels[K3sProvisioner.VersionLabel] = K3sProvisioner.K3dVersion;
        labels["k3d.registry.host"] = hostName;
        labels["k3d.registry.hostIP"] = hostIp;

        // k3d's own spelling of these two keys (pkg/types/types.go).
        labels["k3s.registry.port.external"] = hostPort.ToString(CultureInfo.InvariantCulture);
        labels["k3s.registry.port.internal"] = internalPort.ToString(CultureInfo.InvariantCulture);

        var spec = new ContainerSpec
        {
            Name = name,
            Image = create.Image is { Length: > 0 } image ? image : DefaultImage,
            Hostname = name,

            // As k3d: on Docker's default bridge (its DefaultRuntimeNetwork), joined to the cluster's network next.
            Network = "bridge",
            Labels = labels,
            Environment = environment,
            Restart = ("unless-stopped", 0),
            Ports = [new PortPublication(hostIp, hostPort, internalPort)],
            Mounts = [.. (create.Volumes ?? []).Select(Volume)],
        };
        return (spec, new K3dClusterRegistry(name, internalPort, hostPort, proxy?.RemoteUrl is { Length: > 0 } url ? url : null, hostName.Length > 0 ? hostName : hostIp));
    }

    // k3d's host: an IP is the binding; a name is kept for the label and bound at its IPv4 address.
    private static (string Name, string Ip) Binding(string? host)
    {
        if (host is not { Length: > 0 } || IPAddress.TryParse(host, out _))
        {
            return (string.Empty, host is { Length: > 0 } ? host : "0.0.0.0");
        }

        try
        {
            var address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new FormatException($"registries.create.host '{host}' has no IPv4 address");
            return (host, address.ToString());
        }
        catch (SocketException ex)
        {
            throw new FormatException($"registries.create.host '{host}' does not resolve: {ex.Message}", ex);
        }
    }

    // A Docker volume string: name-or-path:target[:ro].
    private static ContainerMount Volume(string volume)
    {
        var parts = volume.Split(':');
        if (parts.Length < 2)
        {
            throw new FormatException($"registries.create.volumes entry '{volume}' is not source:target[:ro]");
        }

        return new ContainerMount(parts[0].StartsWith('/') ? MountKind.Bind : MountKind.Volume, parts[0], parts[1], ReadOnly: parts.Length > 2 && parts[2] == "ro");
    }
}
