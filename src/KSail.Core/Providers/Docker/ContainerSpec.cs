using KSail.Core.Labels;
namespace KSail.Core.Providers.Docker;

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

    /// <summary>
    /// Run Docker's init (tini) as PID 1, reaping orphaned processes (as k3d does for all its
    /// containers). Sent to the engine both ways, never left to the daemon's default: false is
    /// <c>--init=false</c>, as kind runs every container (FIDELITY K11), so a daemon with
    /// <c>"init": true</c> does not put tini in front of a node's systemd.
    /// </summary>
    public bool Init { get; init; }

    /// <summary>Give the container its own cgroup namespace (as kind does for nodes; needs API 1.41).</summary>
    public bool PrivateCgroupNamespace { get; init; }

    /// <summary>
    /// The user namespace mode, as <c>--userns</c>: <c>host</c> runs the container in the host's
    /// user namespace on an engine that remaps users (<c>userns-remap</c>); null for the engine's default.
    /// </summary>
    public string? UserNamespaceMode { get; init; }

    /// <summary>Restart policy name (<c>no</c>, <c>on-failure</c>, <c>unless-stopped</c>), and for on-failure the retry count.</summary>
    public (string Name, int MaximumRetryCount) Restart { get; init; } = ("no", 0);

    /// <summary>Extra <c>/etc/hosts</c> entries, <c>name:address</c> (the address may be Docker's <c>host-gateway</c>), as <c>--add-host</c>.</summary>
    public IReadOnlyList<string> ExtraHosts { get; init; } = [];

    /// <summary>Resource limits (<c>nofile</c>, ...) with their soft and hard values, as <c>--ulimit</c>.</summary>
    public IReadOnlyList<(string Name, long Soft, long Hard)> Ulimits { get; init; } = [];

    /// <summary>Share the host's PID namespace, as <c>--pid host</c>.</summary>
    public bool HostPid { get; init; }
}
