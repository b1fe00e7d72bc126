using KSail.Core.Providers;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// Which of k3d's node fixes a cluster's servers and agents get (k3d v5.9,
/// <c>pkg/types/fixes/fixes.go</c> <c>GetFixes</c>): each is decided once, from its environment
/// variable when the client's environment sets it (parsed as Go's <c>strconv.ParseBool</c>; a value
/// that does not parse turns the fix off), else from the host: the cgroup v2 fix on cgroup v2 hosts,
/// the DNS fix and the mounts fix on every host (FIDELITY D4, D5, D6).
/// </summary>
/// <param name="CgroupV2">Evacuate the node's root cgroup and enable its controllers before k3s starts (<c>K3D_FIX_CGROUPV2</c>).</param>
/// <param name="Dns">Point the node's resolver and Docker's DNS rules at the host gateway (<c>K3D_FIX_DNS</c>).</param>
/// <param name="Mounts">Make the node's root mount shared, recursively (<c>K3D_FIX_MOUNTS</c>).</param>
/// <remarks>
/// k3d also skips the DNS fix when the engine's name is <c>colima</c>; the host probe does not read
/// the engine's name, so under Colima the DNS fix is on unless <c>K3D_FIX_DNS=false</c> (a documented
/// difference).
/// </remarks>
public sealed record K3dFixes(bool CgroupV2, bool Dns, bool Mounts)
{
    /// <summary>k3d's switch of the cgroup v2 fix.</summary>
    public const string CgroupV2Variable = "K3D_FIX_CGROUPV2";

    /// <summary>k3d's switch of the DNS fix.</summary>
    public const string DnsVariable = "K3D_FIX_DNS";

    /// <summary>k3d's switch of the mounts fix.</summary>
    public const string MountsVariable = "K3D_FIX_MOUNTS";

    /// <summary>No fix: the image's own entry point runs (what the load balancer gets, and every node when all switches are off).</summary>
    public static K3dFixes None { get; } = new(false, false, false);

    /// <summary>Whether any fix is on: then k3d replaces the node's entry point with its own.</summary>
    public bool Any => CgroupV2 || Dns || Mounts;

    /// <summary>The fixes k3d turns on for <paramref name="host"/>, unless <paramref name="environment"/> switches them.</summary>
    public static K3dFixes For(HostInfo host, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(environment);
        return new K3dFixes(
            Switch(environment, CgroupV2Variable) ?? host.CgroupVersion == 2,
            Switch(environment, DnsVariable) ?? true,
            Switch(environment, MountsVariable) ?? true);
    }

    /// <summary>
    /// The value of switch <paramref name="variable"/>: null when the environment does not set it,
    /// else as Go's <c>strconv.ParseBool</c> reads it, false for a value it rejects (as k3d does).
    /// </summary>
    public static bool? Switch(IReadOnlyDictionary<string, string?> environment, string variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.TryGetValue(variable, out var value) && value is not null
            ? value is "1" or "t" or "T" or "TRUE" or "true" or "True"
            : null;
    }
}
