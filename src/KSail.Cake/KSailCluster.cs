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

/// <summary>A cluster's nodes as Docker shows them.</summary>
public sealed class KSailClusterInfo
{
    internal KSailClusterInfo(ClusterSummary summary)
    {
        Name = summary.Name;
        Distribution = summary.Distribution;
        Nodes = [.. summary.Nodes.Select(n => new KSailNode(n.Name, n.State))];
    }

    /// <summary>The cluster name.</summary>
    public string Name { get; }

    /// <summary>The distribution.</summary>
    public string Distribution { get; }

    /// <summary>The cluster's node containers.</summary>
    public IReadOnlyList<KSailNode> Nodes { get; }
}

/// <summary>One node container of a cluster.</summary>
/// <param name="Name">The container name.</param>
/// <param name="State">Docker's state, e.g. <c>running</c>.</param>
public sealed record KSailNode(string Name, string State);
