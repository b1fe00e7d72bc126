using Cake.Core.IO;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>A running cluster as the script uses it: where its kubeconfig is, which context, which API server.</summary>
public sealed class KSailCluster
{
    internal KSailCluster(ClusterHandle handle)
    {
        Name = handle.Name;
        Distribution = handle.Distribution.ToString();
        KubeconfigPath = new FilePath(handle.KubeconfigPath);
        Context = handle.ContextName;
        Endpoint = handle.Server;
    }

    /// <summary>The cluster name.</summary>
    public string Name { get; }

    /// <summary>The distribution, e.g. <c>K3s</c>.</summary>
    public string Distribution { get; }

    /// <summary>The kubeconfig file that holds <see cref="Context"/>.</summary>
    public FilePath KubeconfigPath { get; }

    /// <summary>The kubeconfig context of the cluster, as the distribution's tool names it.</summary>
    public string Context { get; }

    /// <summary>The API server's address.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Distribution}, context {Context}, {Endpoint})";
}
