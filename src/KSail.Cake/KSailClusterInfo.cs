using KSail.Core.Lifecycle;

namespace KSail.Cake;

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
