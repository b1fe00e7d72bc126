namespace KSail.Core.Providers;

/// <summary>
/// What the host that runs the nodes is like, as far as building nodes on it goes: read once per
/// connection by the provider's probe and handed to its host quirks (kind's <c>ProviderInfo</c>,
/// <c>pkg/cluster/internal/providers/provider.go</c>, filled by the docker provider's <c>Info()</c>).
/// </summary>
/// <remarks>
/// These are the facts of the engine's host (a VM under Docker Desktop, another machine for a
/// remote engine), not of the machine running KSail.NET.
/// </remarks>
public sealed record HostInfo
{
    /// <summary>The cgroup version the host's containers get: 1 or 2; 0 when the engine does not say.</summary>
    public int CgroupVersion { get; init; }

    /// <summary>Whether the engine runs rootless (as an unprivileged user, in a user namespace).</summary>
    public bool Rootless { get; init; }

    /// <summary>Whether the engine remaps container root to an unprivileged host user (<c>userns-remap</c>).</summary>
    public bool UserNamespaceRemap { get; init; }

    /// <summary>The engine's storage driver (<c>overlay2</c>, <c>btrfs</c>, <c>zfs</c>, ...); empty when unknown.</summary>
    public string StorageDriver { get; init; } = string.Empty;

    /// <summary>
    /// The file system under the storage driver (<c>extfs</c>, <c>xfs</c>, <c>btrfs</c>, ...), as
    /// <c>docker info</c> reports it in its driver status ("Backing Filesystem"); empty when unknown.
    /// </summary>
    public string BackingFilesystem { get; init; } = string.Empty;

    /// <summary>
    /// Whether the engine can limit a container's memory, its number of processes and its CPU
    /// shares: true when the cgroup controllers are delegated to it (a rootless engine needs
    /// systemd's <c>Delegate=yes</c>). False when the engine has no cgroup driver (<c>none</c>),
    /// as kind reads it (<c>pkg/cluster/internal/providers/docker/provider.go</c>, <c>info()</c>).
    /// </summary>
    public bool CgroupLimitsDelegated { get; init; }

    /// <summary>The MTU of the engine's default bridge network, when it is set; null otherwise.</summary>
    public int? BridgeMtu { get; init; }

    /// <summary>The HTTP proxy the engine is configured with, or null.</summary>
    public string? HttpProxy { get; init; }

    /// <summary>The HTTPS proxy the engine is configured with, or null.</summary>
    public string? HttpsProxy { get; init; }

    /// <summary>The hosts the engine reaches without its proxy, or null.</summary>
    public string? NoProxy { get; init; }

    /// <summary>The host's operating system as the engine names it (<c>Debian GNU/Linux 12 (bookworm)</c>, <c>Docker Desktop</c>).</summary>
    public string OperatingSystem { get; init; } = string.Empty;

    /// <summary>The host's kernel version, e.g. <c>6.8.0-45-generic</c>; empty when unknown.</summary>
    public string KernelVersion { get; init; } = string.Empty;

    /// <summary>Whether the engine is Docker Desktop's (it runs in a VM of its own, whatever the endpoint).</summary>
    public bool DockerDesktop { get; init; }

    /// <summary>
    /// Whether the engine runs on the machine running KSail.NET and sees its file system (a local
    /// socket, not Docker Desktop): only then does a path checked here say anything about the host.
    /// </summary>
    public bool SharesFileSystem { get; init; }
}
