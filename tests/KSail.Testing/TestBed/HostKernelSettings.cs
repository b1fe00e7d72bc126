namespace KSail.Testing.TestBed;

/// <summary>
/// The host-wide kernel settings a kubelet or kube-proxy would write if it could (kubelet 1.20:
/// overcommit and panic settings; kube-proxy: the conntrack table size). The test bed must leave
/// them as they were; tests read them before and after.
/// </summary>
public static class HostKernelSettings
{
    private static readonly string[] Files =
    [
        "/proc/sys/vm/overcommit_memory",
        "/proc/sys/kernel/panic",
        "/proc/sys/kernel/panic_on_oops",
        "/proc/sys/net/netfilter/nf_conntrack_max",
        "/sys/module/nf_conntrack/parameters/hashsize",
    ];

    /// <summary>Each setting's file and value (settings this kernel lacks are left out).</summary>
    public static IReadOnlyDictionary<string, string> Read() =>
        Files.Where(File.Exists).ToDictionary(f => f, f => File.ReadAllText(f).Trim(), StringComparer.Ordinal);
}
