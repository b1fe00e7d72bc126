using System.Net;
using k8s;
using k8s.KubeConfigModels;
using KSail.Core.Http;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Kubeconfig;

/// <summary>Reads, rewrites and merges kubeconfig files as kind and k3d do.</summary>
public static class Kubeconfigs
{
    /// <summary>
    /// Renames the single cluster, user and context of a node's admin kubeconfig to
    /// <paramref name="contextName"/> and points it at <paramref name="server"/> (the host-reachable
    /// endpoint), in the layout kind writes (kind <c>pkg/cluster/internal/kubeconfig/internal/kubeconfig/helpers.go</c>).
    /// The entries keep exactly the fields the node wrote: no defaults are added.
    /// </summary>
    public static string Rewrite(string adminKubeconfig, string contextName, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var admin = KubeconfigDocument.Parse(adminKubeconfig, "the node's admin kubeconfig");
        var cluster = admin.Entries("clusters").OfType<YamlMappingNode>().FirstOrDefault() ?? throw new InvalidDataException("the kubeconfig has no cluster");
        var user = admin.Entries("users").OfType<YamlMappingNode>().FirstOrDefault() ?? throw new InvalidDataException("the kubeconfig has no user");
        if (!cluster.Children.TryGetValue(new YamlScalarNode("cluster"), out var endpoint) || endpoint is not YamlMappingNode details)
        {
            throw new InvalidDataException("the kubeconfig's cluster has no server");
        }

        var name = new YamlScalarNode(contextName);
        cluster.Children[new YamlScalarNode("name")] = name;
        details.Children[new YamlScalarNode("server")] = new YamlScalarNode(server.ToString().TrimEnd('/'));
        user.Children[new YamlScalarNode("name")] = name;
        var context = new YamlMappingNode(
            new YamlScalarNode("context"), new YamlMappingNode(new YamlScalarNode("cluster"), name, new YamlScalarNode("user"), name),
            new YamlScalarNode("name"), name);
        return KubeconfigDocument.Write(new YamlMappingNode(
            new YamlScalarNode("apiVersion"), new YamlScalarNode("v1"),
            new YamlScalarNode("clusters"), new YamlSequenceNode(cluster),
            new YamlScalarNode("contexts"), new YamlSequenceNode(context),
            new YamlScalarNode("current-context"), name,
            new YamlScalarNode("kind"), new YamlScalarNode("Config"),
            new YamlScalarNode("preferences"), new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow },
            new YamlScalarNode("users"), new YamlSequenceNode(user)));
    }

    /// <summary>
    /// A Kubernetes client for the current context of a kubeconfig given as text, whose requests go
    /// through <paramref name="proxy"/>'s choice (by default the process's <see cref="EnvironmentProxy"/>:
    /// never a proxy for the cluster's own API on a loopback address).
    /// </summary>
    public static Kubernetes CreateClient(string kubeconfig, IWebProxy? proxy = null) =>
        new(EngineHttp.WithProxy(
            KubernetesClientConfiguration.BuildConfigFromConfigObject(KubernetesYaml.Deserialize<K8SConfiguration>(kubeconfig)),
            proxy ?? EnvironmentProxy.FromProcess()));

    /// <summary>
    /// Merges the clusters, users and contexts of <paramref name="kubeconfig"/> into the file at
    /// <paramref name="path"/> as kind does (<c>pkg/cluster/internal/kubeconfig/internal/kubeconfig/merge.go</c>):
    /// an entry of the same name is replaced where it is, a new one is appended, and the current
    /// context is switched (when <paramref name="switchContext"/>, or when the file has none). Every
    /// other byte of the file is kept as written (other entries with fields KubernetesClient does not
    /// know, comments, order); the file is created when missing. The change is made under client-go's
    /// <c>&lt;file&gt;.lock</c> and written atomically with mode 0600.
    /// </summary>
    /// <exception cref="ProvisioningException">Another writer's lock stayed.</exception>
    /// <exception cref="InvalidDataException">The file is not a kubeconfig.</exception>
    public static Task MergeIntoAsync(string path, string kubeconfig, bool switchContext = true, TimeProvider? time = null, CancellationToken ct = default) =>
        MergeIntoAsync(path, kubeconfig, switchContext, time ?? TimeProvider.System, KubeconfigLock.DefaultTimeout, ct);

    /// <summary><see cref="MergeIntoAsync(string, string, bool, TimeProvider?, CancellationToken)"/> with a lock time limit.</summary>
    internal static async Task MergeIntoAsync(string path, string kubeconfig, bool switchContext, TimeProvider time, TimeSpan lockTimeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kubeconfig);
        var incoming = KubeconfigDocument.Parse(kubeconfig, "the cluster's kubeconfig");
        using (await KubeconfigLock.AcquireAsync(path, time, lockTimeout, ct).ConfigureAwait(false))
        {
            var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : string.Empty;
            var document = KubeconfigDocument.Parse(existing, path);
            if (document.IsEmpty)
            {
                // A new file, or one with nothing but comments: the cluster's kubeconfig as it is, after them.
                WriteAtomically(path, existing.Trim().Length == 0 ? kubeconfig : existing.TrimEnd() + "\n" + kubeconfig);
                return;
            }

            foreach (var section in (string[])["clusters", "users", "contexts"])
            {
                foreach (var entry in incoming.Entries(section).OfType<YamlMappingNode>())
                {
                    document.Upsert(section, entry);
                }
            }

            if ((switchContext || document.CurrentContext is null) && incoming.CurrentContext is { } current)
            {
                document.SetCurrentContext(current);
            }

            document.EnsureHeader();
            WriteAtomically(path, document.Render());
        }
    }

    /// <summary>
    /// Removes the clusters, users and contexts named <paramref name="contextNames"/> from the file, if
    /// it exists, in one read and at most one write (none when nothing is named there), and clears the
    /// current context when it was one of them, as kind's delete does
    /// (<c>pkg/cluster/internal/kubeconfig/internal/kubeconfig/remove.go</c>). Every other byte is kept
    /// as written; the change is made under client-go's <c>&lt;file&gt;.lock</c>.
    /// </summary>
    /// <returns>Whether anything was removed.</returns>
    /// <exception cref="ProvisioningException">Another writer's lock stayed.</exception>
    public static Task<bool> RemoveFromAsync(string path, IReadOnlyCollection<string> contextNames, TimeProvider? time = null, CancellationToken ct = default) =>
        RemoveFromAsync(path, contextNames, time ?? TimeProvider.System, KubeconfigLock.DefaultTimeout, ct);

    /// <summary><see cref="RemoveFromAsync(string, IReadOnlyCollection{string}, TimeProvider?, CancellationToken)"/> with a lock time limit.</summary>
    internal static async Task<bool> RemoveFromAsync(string path, IReadOnlyCollection<string> contextNames, TimeProvider time, TimeSpan lockTimeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contextNames);
        if (!File.Exists(path))
        {
            return false;
        }

        using (await KubeconfigLock.AcquireAsync(path, time, lockTimeout, ct).ConfigureAwait(false))
        {
            if (!File.Exists(path))
            {
                return false;
            }

            var document = KubeconfigDocument.Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false), path);
            document.Remove(contextNames.ToHashSet(StringComparer.Ordinal));
            if (document.Changed)
            {
                WriteAtomically(path, document.Render());
            }

            return document.Changed;
        }
    }

    /// <summary>
    /// The files a kubeconfig change considers, as kubectl and kind choose them
    /// (kind <c>pkg/cluster/internal/kubeconfig/internal/kubeconfig/paths.go</c>): the files of
    /// <c>KUBECONFIG</c> (empty and repeated ones left out) when it is set, else <c>~/.kube/config</c>.
    /// </summary>
    public static IReadOnlyList<string> Paths(string? kubeconfigVariable, string homeDirectory, string workingDirectory)
    {
        var listed = (kubeconfigVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.GetFullPath(p, workingDirectory))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return listed.Count > 0 ? listed : [Path.Combine(homeDirectory, ".kube", "config")];
    }

    /// <summary>
    /// The file a new context is merged into, as kubectl and kind choose it: with several files in
    /// <c>KUBECONFIG</c>, the first that exists, else the last.
    /// </summary>
    public static string PathForMerge(string? kubeconfigVariable, string homeDirectory, string workingDirectory)
    {
        var paths = Paths(kubeconfigVariable, homeDirectory, workingDirectory);
        return paths.Count == 1 ? paths[0] : paths.FirstOrDefault(File.Exists) ?? paths[^1];
    }

    /// <summary>
    /// Writes a file with mode 0600 through a temporary file in its directory and a rename, so readers
    /// never see half of it. A symbolic link is followed: its target is written, the link stays.
    /// </summary>
    public static void WriteAtomically(string path, string content)
    {
        if (File.Exists(path) && new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            path = target.FullName;
        }

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
}
