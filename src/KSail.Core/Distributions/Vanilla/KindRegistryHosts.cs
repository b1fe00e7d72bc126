using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// The <c>hosts.toml</c> files kind nodes get: one per registry the nodes pull through
/// (<see cref="ClusterDefinition.RegistryMirrors"/>), and the files of KSail's mirrors directory
/// (<c>spec.cluster.vanilla.mirrorsDir</c>, <c>kind/mirrors</c> beside ksail.yaml by default), each
/// <c>&lt;host&gt;/hosts.toml</c> as <c>ksail project init --mirror-registry</c> scaffolds it. KSail reads
/// that folder at create (<c>pkg/svc/provisioner/registry/hosts_directory.go</c>
/// <c>ReadExistingHostsToml</c>); a registry the cluster declares otherwise wins over a file for the
/// same host, as KSail's flags win over the files.
/// </summary>
internal static class KindRegistryHosts
{
    /// <summary>KSail's mirrors directory when ksail.yaml names none (<c>pkg/fsutil/configmanager/kind/helpers.go</c>).</summary>
    public const string DefaultMirrorsDirectory = "kind/mirrors";

    /// <summary>The files for <paramref name="cluster"/>'s nodes, by host.</summary>
    /// <exception cref="ProvisioningException">A file of the mirrors directory cannot be read.</exception>
    public static IReadOnlyList<KindRegistryHost> For(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var hosts = cluster.RegistryMirrors
            .Select(m => new KindRegistryHost(m.Host, ContainerdConfig.HostsToml(m), m))
            .ToList();
        var directory = MirrorsDirectory(cluster);
        if (!Directory.Exists(directory))
        {
            return hosts;
        }

        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var host = Path.GetFileName(folder);
            var file = Path.Combine(folder, "hosts.toml");
            if (!File.Exists(file) || hosts.Exists(h => h.Host == host))
            {
                continue;
            }

            try
            {
                hosts.Add(new KindRegistryHost(host, File.ReadAllText(file), null));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ProvisioningException($"spec.cluster.vanilla.mirrorsDir: cannot read {file}: {ex.Message}", ex);
            }
        }

        return hosts;
    }

    /// <summary>The mirrors directory's full path: ksail.yaml's, relative to its folder, or KSail's default.</summary>
    public static string MirrorsDirectory(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var declared = cluster.Declared.Spec?.Cluster?.Vanilla?.MirrorsDir is { Length: > 0 } given ? given : DefaultMirrorsDirectory;
        return Path.GetFullPath(declared, Path.GetDirectoryName(cluster.ConfigFile) ?? Directory.GetCurrentDirectory());
    }

    /// <summary>
    /// The hosts whose folder under <c>/etc/containerd/certs.d</c> a node mounts from the host (kind.yaml's
    /// <c>extraMounts</c>, as KSail's scaffold writes them): KSail writes no file there.
    /// </summary>
    public static IReadOnlySet<string> Mounted(ClusterDefinition cluster, string node)
    {
        var prefix = ContainerdConfig.CertsDirectory + "/";
        return (KindNodeSpecs.NodeDeclarations(cluster).GetValueOrDefault(node)?.ExtraMounts ?? [])
            .Select(m => m.ContainerPath ?? string.Empty)
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..].TrimEnd('/'))
            .Where(h => h.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
    }
}
