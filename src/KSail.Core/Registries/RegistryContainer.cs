using System.Globalization;
using KSail.Core.Configuration;
using KSail.Core.Labels;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Registries;

/// <summary>
/// A registry container KSail.NET runs beside a cluster's nodes, on the cluster's network, as KSail
/// runs them (<c>pkg/client/docker/registry_container.go</c>): the local registry
/// <c>&lt;cluster&gt;-local-registry</c>, published on 127.0.0.1, or a pull-through mirror
/// <c>&lt;cluster&gt;-&lt;host&gt;</c> of one upstream, reached by the nodes only. Its data is a
/// named volume that outlives the container, so a cluster created again finds its images (and
/// its mirrors their cache) unless <c>cluster delete --delete-storage</c> removed it.
/// </summary>
public sealed record RegistryContainer
{
    /// <summary>The role of the local registry (its <see cref="ResourceLabels.Role"/> label).</summary>
    public const string LocalRegistryRole = "local-registry";

    /// <summary>The role of a pull-through mirror (its <see cref="ResourceLabels.Role"/> label).</summary>
    public const string MirrorRole = "mirror";

    /// <summary>The port the registry listens on in its container (KSail's <c>DefaultRegistryPort</c>).</summary>
    public const int ContainerPort = 5000;

    /// <summary>Where the registry keeps its data in the container (KSail's <c>RegistryDataPath</c>).</summary>
    public const string DataPath = "/var/lib/registry";

    /// <summary>The host address the local registry is published on (KSail's <c>RegistryHostIP</c>).</summary>
    public const string HostAddress = "127.0.0.1";

    /// <summary>KSail's label on every registry container it manages, with the container's name as value (<c>RegistryLabelKey</c>).</summary>
    public const string RegistryLabel = "io.ksail.registry";

    /// <summary>The label naming the volume a registry container keeps its data in (what <c>--delete-storage</c> removes).</summary>
    public const string VolumeLabel = "io.ksail.registry.volume";

    /// <summary>The container name (also its name on the cluster's network).</summary>
    public required string Name { get; init; }

    /// <summary>The image (KSail's <c>registry:3</c>, or <c>KSAIL_REGISTRY_IMAGE</c>).</summary>
    public required string Image { get; init; }

    /// <summary>The named volume the registry keeps its data in.</summary>
    public required string Volume { get; init; }

    /// <summary><see cref="LocalRegistryRole"/> or <see cref="MirrorRole"/>.</summary>
    public required string Role { get; init; }

    /// <summary>The registry host as image names spell it (<c>localhost:5050</c>, <c>docker.io</c>).</summary>
    public required string Host { get; init; }

    /// <summary>The host port the local registry is published on (on <see cref="HostAddress"/>); null for a mirror.</summary>
    public int? HostPort { get; init; }

    /// <summary>The upstream a mirror caches (<c>REGISTRY_PROXY_REMOTEURL</c>); null for the local registry.</summary>
    public string? Upstream { get; init; }

    /// <summary>The credentials a mirror gives its upstream, when it needs them.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>Where the registry was declared (ksail.yaml's line, or the argument).</summary>
    public required SourceLocation DeclaredAt { get; init; }

    /// <summary>The registry's host and port on the cluster's network (<c>dev-local-registry:5000</c>).</summary>
    public string NetworkHost => $"{Name}:{ContainerPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The URL the nodes reach the registry at, on the cluster's network.</summary>
    public string Endpoint => $"http://{NetworkHost}";

    /// <summary>The registry as the nodes pull through it (written into each node by its distribution).</summary>
    public NodeRegistryMirror Mirror => new(Host, Endpoint);

    /// <summary>
    /// The container to run for <paramref name="cluster"/>, on its network: KSail's registry container
    /// (restart unless stopped, data on the volume, a mirror's upstream and credentials as
    /// <c>REGISTRY_PROXY_*</c> overrides, the local registry published on 127.0.0.1 only) with
    /// KSail.NET's labels (the cluster's, its distribution's), so <c>cluster delete</c> finds it.
    /// </summary>
    public ContainerSpec Spec(ClusterDefinition cluster, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var labels = ResourceLabels.For(cluster.Name, Role, extraLabels);
        labels[ResourceLabels.Distribution] = cluster.Distribution.ToString();
        labels[RegistryLabel] = Name;
        labels[VolumeLabel] = Volume;
        return new ContainerSpec
        {
            Name = Name,
            Image = Image,
            Network = cluster.Network,
            Labels = labels,
            Environment = Upstream is null ? [] : [$"REGISTRY_PROXY_REMOTEURL={Upstream}", .. (Credentials?.ProxyEnvironment() ?? [])],
            Ports = HostPort is { } port ? [new PortPublication(HostAddress, port, ContainerPort)] : [],
            Mounts = [new ContainerMount(MountKind.Volume, Volume, DataPath)],
            Restart = ("unless-stopped", 0),
        };
    }

    /// <summary>
    /// The labels of the registry's volume: KSail.NET's and the registry's, not the cluster's, so
    /// deleting the cluster keeps it (a mirror's volume is shared by every cluster with that mirror).
    /// </summary>
    public Dictionary<string, string> VolumeLabels(IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ResourceLabels.ManagedBy] = ResourceLabels.Tool,
            [RegistryLabel] = Volume,
        };
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        return labels;
    }
}
