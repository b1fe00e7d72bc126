using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Kubeconfig;

/// <summary>Reads, rewrites and merges kubeconfig files as kind and k3d do.</summary>
public static class Kubeconfigs
{
    /// <summary>
    /// Renames the single cluster, user and context of a node's admin kubeconfig to
    /// <paramref name="contextName"/> and points it at <paramref name="server"/> (the host-reachable endpoint).
    /// </summary>
    public static string Rewrite(string adminKubeconfig, string contextName, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var config = KubernetesYaml.Deserialize<K8SConfiguration>(adminKubeconfig);
        var cluster = config.Clusters?.FirstOrDefault() ?? throw new InvalidDataException("the kubeconfig has no cluster");
        var user = config.Users?.FirstOrDefault() ?? throw new InvalidDataException("the kubeconfig has no user");
        cluster.Name = contextName;
        cluster.ClusterEndpoint.Server = server.ToString().TrimEnd('/');
        user.Name = contextName;
        config.Clusters = [cluster];
        config.Users = [user];
        config.Contexts = [new Context { Name = contextName, ContextDetails = new ContextDetails { Cluster = contextName, User = contextName } }];
        config.CurrentContext = contextName;
        return KubernetesYaml.Serialize(config);
    }

    /// <summary>A Kubernetes client for the current context of a kubeconfig given as text.</summary>
    public static Kubernetes CreateClient(string kubeconfig) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigObject(KubernetesYaml.Deserialize<K8SConfiguration>(kubeconfig)));

    /// <summary>
    /// Merges the entries of <paramref name="kubeconfig"/> into the file at <paramref name="path"/>,
    /// replacing entries of the same names and keeping every other entry; creates the file when
    /// missing. The file is written atomically with mode 0600.
    /// </summary>
    public static void MergeInto(string path, string kubeconfig, bool switchContext = true)
    {
        var incoming = KubernetesYaml.Deserialize<K8SConfiguration>(kubeconfig);
        var existing = File.Exists(path) && new FileInfo(path).Length > 0
            ? KubernetesYaml.Deserialize<K8SConfiguration>(File.ReadAllText(path))
            : new K8SConfiguration { ApiVersion = "v1", Kind = "Config" };

        existing.Clusters = Merge(existing.Clusters, incoming.Clusters, c => c.Name);
        existing.Users = Merge(existing.Users, incoming.Users, u => u.Name);
        existing.Contexts = Merge(existing.Contexts, incoming.Contexts, c => c.Name);
        if (switchContext || string.IsNullOrEmpty(existing.CurrentContext))
        {
            existing.CurrentContext = incoming.CurrentContext;
        }

        WriteAtomically(path, KubernetesYaml.Serialize(existing));
    }

    /// <summary>
    /// Removes the clusters, users and contexts named <paramref name="contextNames"/> from the file, if
    /// it exists, in one read and at most one write (none when nothing is named there). Every other
    /// entry and field is kept as written.
    /// </summary>
    /// <returns>Whether anything was removed.</returns>
    public static bool RemoveFrom(string path, params IReadOnlyCollection<string> contextNames)
    {
        ArgumentNullException.ThrowIfNull(contextNames);
        if (!File.Exists(path))
        {
            return false;
        }

        // YamlDotNet's node model, not KubernetesYaml: the same edit without building the typed
        // deserializer for every Kubernetes model (most of a delete's time when it was used here).
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return false;
        }

        var names = contextNames.ToHashSet(StringComparer.Ordinal);
        var removed = false;
        foreach (var section in (string[])["clusters", "users", "contexts"])
        {
            if (root.Children.TryGetValue(new YamlScalarNode(section), out var entries) && entries is YamlSequenceNode sequence)
            {
                foreach (var entry in sequence.Children.Where(e => NameOf(e) is { } name && names.Contains(name)).ToList())
                {
                    removed |= sequence.Children.Remove(entry);
                }
            }
        }

        if (root.Children.TryGetValue(new YamlScalarNode("current-context"), out var current) && current is YamlScalarNode { Value: { } currentName } && names.Contains(currentName))
        {
            root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(string.Empty) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            removed = true;
        }

        if (removed)
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            yaml.Save(text, assignAnchors: false);
            var saved = text.ToString().TrimEnd();
            WriteAtomically(path, (saved.EndsWith("\n...", StringComparison.Ordinal) ? saved[..^4] : saved) + "\n"); // no document-end marker, as kubectl writes it
        }

        return removed;
    }

    private static string? NameOf(YamlNode entry) =>
        entry is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>Writes a file with mode 0600 through a temporary file and a rename, so readers never see half of it.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static List<T> Merge<T>(IEnumerable<T>? existing, IEnumerable<T>? incoming, Func<T, string> name)
    {
        var added = (incoming ?? []).ToList();
        var names = added.Select(name).ToHashSet(StringComparer.Ordinal);
        return (existing ?? []).Where(e => !names.Contains(name(e))).Concat(added).ToList();
    }
}
