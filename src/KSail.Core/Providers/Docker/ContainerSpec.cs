using KSail.Core.Labels;
namespace KSail.Core.Providers.Docker;

/// <summary>A port published from a container to the host.</summary>
/// <param name="HostAddress">The host address to listen on.</param>
/// <param name="HostPort">The host port; 0 lets Docker choose a free one.</param>
/// <param name="ContainerPort">The port in the container.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</param>
public sealed record PortPublication(string HostAddress, int HostPort, int ContainerPort, string Protocol = "tcp");

/// <summary>What is mounted into a container.</summary>
public enum MountKind
{
    /// <summary>A host path.</summary>
    Bind,

    /// <summary>A Docker volume (anonymous when the source is empty).</summary>
    Volume,

    /// <summary>An in-memory file system.</summary>
    Tmpfs,
}

/// <summary>A mount of a container.</summary>
/// <param name="Kind">Bind, volume or tmpfs.</param>
/// <param name="Source">The host path or volume name (empty for tmpfs or an anonymous volume).</param>
/// <param name="Target">The path in the container.</param>
/// <param name="ReadOnly">Mount read-only.</param>
/// <param name="Propagation">Bind propagation (<c>rprivate</c>, <c>rshared</c>, ...), or null for Docker's default.</param>
/// <param name="CreateMissingSource">
/// For a bind: the engine creates a missing host path (as <c>docker run -v</c> does) instead of
/// refusing the container, for paths of the engine's host that cannot be checked from here.
/// </param>
public sealed record ContainerMount(MountKind Kind, string Source, string Target, bool ReadOnly = false, string? Propagation = null, bool CreateMissingSource = false);

/// <summary>A file written into a container after it is created and before it starts (as k3d's pre-start hooks write them).</summary>
/// <param name="Path">The absolute path in the container; its directory must exist in the image.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Mode">Its permission bits (default 0644).</param>
public sealed record ContainerFile(string Path, byte[] Content, int Mode = 420);

/// <summary>A container to run: a cluster node, a load balancer or a helper.</summary>
public sealed record ContainerSpec
{
    /// <summary>The container name (also its host name unless <see cref="Hostname"/> is set).</summary>
    public required string Name { get; init; }

    /// <summary>The image.</summary>
    public required string Image { get; init; }

    /// <summary>The host name; the container name when null.</summary>
    public string? Hostname { get; init; }

    /// <summary>The network to join.</summary>
    public required string Network { get; init; }

    /// <summary>Extra DNS names on the network.</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    /// <summary>Labels, including the cluster's (see <see cref="ResourceLabels"/>).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Environment variables, <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Replaces the image's entry point, when set.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Replaces the image's command, when set.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Ports published to the host.</summary>
    public IReadOnlyList<PortPublication> Ports { get; init; } = [];

    /// <summary>Mounts.</summary>
    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    /// <summary>Files written into the container before it starts.</summary>
    public IReadOnlyList<ContainerFile> Files { get; init; } = [];

    /// <summary>
    /// Whether the container runs a node (kubelet, containerd): it then gets <c>--privileged</c>, or on
    /// hosts that cannot grant it, the equivalent explicit capabilities, devices and security options.
    /// </summary>
    public bool Privileged { get; init; }

    /// <summary>Capabilities added (<c>ALL</c>, <c>NET_ADMIN</c>, ...), as <c>--cap-add</c>.</summary>
    public IReadOnlyList<string> CapabilitiesToAdd { get; init; } = [];

    /// <summary>Capabilities dropped, as <c>--cap-drop</c>.</summary>
    public IReadOnlyList<string> CapabilitiesToDrop { get; init; } = [];

    /// <summary>Host devices passed through with read, write and mknod access, as <c>--device</c>.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Device cgroup rules (<c>a *:* rwm</c>), as <c>--device-cgroup-rule</c>.</summary>
    public IReadOnlyList<string> DeviceCgroupRules { get; init; } = [];

    /// <summary>No masked or read-only system paths under <c>/proc</c> and <c>/sys</c>, as <c>--security-opt systempaths=unconfined</c>.</summary>
    public bool UnconfinedSystemPaths { get; init; }

    /// <summary>Security options (<c>seccomp=unconfined</c>, ...).</summary>
    public IReadOnlyList<string> SecurityOptions { get; init; } = [];

    /// <summary>Allocate a terminal for the entry point's output (as kind does for nodes).</summary>
    public bool Tty { get; init; }

    /// <summary>Run Docker's init (tini) as PID 1, reaping orphaned processes (as k3d does for its nodes).</summary>
    public bool Init { get; init; }

    /// <summary>Give the container its own cgroup namespace (as kind does for nodes; needs API 1.41).</summary>
    public bool PrivateCgroupNamespace { get; init; }

    /// <summary>Restart policy name (<c>no</c>, <c>on-failure</c>, <c>unless-stopped</c>), and for on-failure the retry count.</summary>
    public (string Name, int MaximumRetryCount) Restart { get; init; } = ("no", 0);
}
