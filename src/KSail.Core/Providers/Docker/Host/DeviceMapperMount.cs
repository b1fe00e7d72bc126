namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// An engine whose storage sits on device-mapper devices: the btrfs, zfs or devicemapper storage
/// driver, or a btrfs, zfs or xfs file system under another driver (e.g. Fedora's btrfs on LUKS).
/// The kubelet in a node then looks up the device of its root file system under
/// <c>/dev/mapper</c> and fails without it ("failed to get rootfs info ... could not find
/// device"), so nodes get the host's <c>/dev/mapper</c> bound in (FIDELITY K16).
/// </summary>
/// <remarks>
/// As kind decides it (<c>pkg/cluster/internal/providers/docker/util.go</c> <c>mountDevMapper</c>,
/// bound by <c>provision.go</c> <c>commonArgs</c>): never on a rootless engine, which cannot create
/// device nodes. kind adds the bind to every container it creates; here it goes to the nodes
/// (privileged containers) only, the ones running a kubelet, so a K3s node gets it too: k3d's FAQ
/// has its users add <c>-v /dev/mapper:/dev/mapper</c> by hand for the same failure. A node that
/// already mounts <c>/dev/mapper</c> (declared in k3d.yaml or kind.yaml) keeps its own mount.
/// </remarks>
public sealed class DeviceMapperMount : IHostQuirk
{
    /// <summary>The path bound from the host into each node.</summary>
    public const string Path = "/dev/mapper";

    private static readonly string[] Drivers = ["btrfs", "zfs", "devicemapper"];
    private static readonly string[] BackingFilesystems = ["btrfs", "zfs", "xfs"];

    /// <inheritdoc/>
    public string Name => "device-mapper storage";

    /// <inheritdoc/>
    public bool AppliesTo(HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return !host.Rootless
            && (Drivers.Contains(host.StorageDriver.Trim(), StringComparer.OrdinalIgnoreCase)
                || BackingFilesystems.Contains(host.BackingFilesystem.Trim(), StringComparer.OrdinalIgnoreCase));
    }

    /// <inheritdoc/>
    public ContainerSpec Adjust(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Privileged || spec.Mounts.Any(m => string.Equals(m.Target.TrimEnd('/'), Path, StringComparison.Ordinal)))
        {
            return spec;
        }

        return spec with { Mounts = [.. spec.Mounts, new ContainerMount(MountKind.Bind, Path, Path)] };
    }
}
