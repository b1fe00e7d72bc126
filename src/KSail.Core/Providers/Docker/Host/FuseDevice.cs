namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// A rootless engine (<c>name=rootless</c> in <c>docker info</c>): <c>--privileged</c> there does
/// not pass <c>/dev/fuse</c> in, which fuse-overlayfs (the node's containerd snapshotter in a user
/// namespace) needs, so nodes get <c>--device /dev/fuse</c> (FIDELITY K17), as kind adds it
/// (<c>pkg/cluster/internal/providers/docker/provision.go</c> <c>commonArgs</c>, <c>util.go</c> <c>mountFuse</c>).
/// </summary>
/// <remarks>
/// kind adds the device to every container it creates; here it goes to the nodes (privileged
/// containers), a K3s node included: its containerd needs the same device in a user namespace.
/// What a rootless engine cannot run at all is refused before any node starts
/// (<see cref="HostRequirements"/>); the kubelet settings a rootless node needs belong to the distribution.
/// </remarks>
public sealed class FuseDevice : IHostQuirk
{
    /// <summary>The device passed through.</summary>
    public const string Device = "/dev/fuse";

    /// <inheritdoc/>
    public string Name => "rootless engine";

    /// <inheritdoc/>
    public bool AppliesTo(HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Rootless;
    }

    /// <inheritdoc/>
    public ContainerSpec Adjust(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return !spec.Privileged || spec.Devices.Contains(Device, StringComparer.Ordinal)
            ? spec
            : spec with { Devices = [.. spec.Devices, Device] };
    }
}
