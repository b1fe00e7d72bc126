using KSail.Core.Configuration;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// k3d.yaml's <c>files</c> (FIDELITY D15): each written into the nodes its filters select before they
/// start, mode 0644, as k3d does (<c>pkg/client/cluster.go:272-290</c>, <c>pkg/config/transform.go:398-423</c>).
/// A source written as a block (it has a line break) is the content itself; otherwise it is a file
/// path relative to k3d.yaml (k3d tells the two apart by the YAML block style, <c>pkg/util/files.go</c>).
/// A destination is absolute or starts with one of k3d's shortcuts (<c>k3s-manifests/...</c>).
/// </summary>
internal static class K3dFiles
{
    // k3d's destination shortcuts (pkg/types/k3s/paths.go).
    private static readonly Dictionary<string, string> Shortcuts = new(StringComparer.Ordinal)
    {
        ["k3s-storage"] = "/var/lib/rancher/k3s/storage",
        ["k3s-manifests"] = "/var/lib/rancher/k3s/server/manifests",
        ["k3s-manifests-custom"] = "/var/lib/rancher/k3s/server/manifests/custom",
        ["k3s-containerd"] = "/var/lib/rancher/k3s/agent/etc/containerd/config.toml",
        ["k3s-containerd-tmpl"] = "/var/lib/rancher/k3s/agent/etc/containerd/config.toml.tmpl",
        ["k3s-registry-config"] = "/etc/rancher/k3s/registries.yaml",
    };

    /// <summary>The absolute path of <paramref name="destination"/> in a node (a shortcut expanded), or null when it is neither absolute nor a shortcut.</summary>
    public static string? Destination(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.StartsWith('/'))
        {
            return destination;
        }

        var slash = destination.IndexOf('/', StringComparison.Ordinal);
        var head = slash < 0 ? destination : destination[..slash];
        return Shortcuts.TryGetValue(head, out var path) ? path + (slash < 0 ? string.Empty : destination[slash..]) : null;
    }

    /// <summary>Whether <paramref name="source"/> is the file's content (a YAML block) rather than a path.</summary>
    public static bool IsContent(string source) => source.Contains('\n', StringComparison.Ordinal);

    /// <summary>The full path a source names, relative to the directory of <paramref name="configFile"/>.</summary>
    public static string SourcePath(string? configFile, string source) =>
        System.IO.Path.GetFullPath(source, System.IO.Path.GetDirectoryName(configFile) ?? Directory.GetCurrentDirectory());

    /// <summary>The files of <paramref name="files"/> that <paramref name="selects"/> (the node's filter test) picks, with their content.</summary>
    /// <exception cref="ProvisioningException">A source file cannot be read (it was there when the config was loaded).</exception>
    public static IEnumerable<ContainerFile> For(ClusterDefinition cluster, IReadOnlyList<K3dFile>? files, Func<List<string>?, bool> selects)
    {
        foreach (var file in (files ?? []).Where(f => f.Source is not null && f.Destination is not null && selects(f.NodeFilters)))
        {
            var destination = Destination(file.Destination!) ?? file.Destination!;
            byte[] content;
            if (IsContent(file.Source!))
            {
                content = System.Text.Encoding.UTF8.GetBytes(file.Source!);
            }
            else
            {
                var path = SourcePath(cluster.DistributionConfigFile, file.Source!);
                try
                {
                    content = File.ReadAllBytes(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new ProvisioningException($"files: cannot read {path} for {destination}: {ex.Message}", ex);
                }
            }

            yield return new ContainerFile(destination, content);
        }
    }

    /// <summary>A <c>key=value</c> label split as k3d splits it (at the first '='; no '=' means an empty value).</summary>
    public static (string Key, string Value) SplitLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var equals = label.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (label, string.Empty) : (label[..equals], label[(equals + 1)..]);
    }
}
