using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>What kind's actions share besides the cluster: its kind.yaml, its control planes and load balancer, and the node image read once.</summary>
internal sealed class KindContext : ProvisioningContext
{
    public KindContext(ClusterDefinition cluster, IReadOnlyList<NodeDefinition> nodes, CreateOptions options, IContainerProvider docker, ProvisioningSteps steps)
        : base(cluster, nodes, options, docker, steps)
    {
        Kind = cluster.Native<KindCluster>();

        // kind's bootstrap control plane is the first by name; the others join it.
        ControlPlanes = cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        ControlPlane = ControlPlanes.Count > 0 ? ControlPlanes[0] : throw new ArgumentException("a Vanilla cluster needs a control plane", nameof(cluster));
        LoadBalancer = cluster.Nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer);
    }

    /// <summary>The cluster's kind.yaml.</summary>
    public KindCluster Kind { get; }

    /// <summary>The control planes by name; the first bootstraps the cluster.</summary>
    public IReadOnlyList<string> ControlPlanes { get; }

    /// <summary>The bootstrap control plane.</summary>
    public string ControlPlane { get; }

    /// <summary>kind's external load balancer, with several control planes.</summary>
    public NodeDefinition? LoadBalancer { get; }

    /// <summary>The Pod subnet (kind.yaml's, or kind's default).</summary>
    public string PodSubnet => Kind.Networking?.PodSubnet ?? "10.244.0.0/16";

    /// <summary>The Service subnet (kind.yaml's, or kind's default).</summary>
    public string ServiceSubnet => Kind.Networking?.ServiceSubnet ?? "10.96.0.0/16";

    /// <summary>Whether the cluster is IPv6-only.</summary>
    public bool Ipv6 => Kind.Networking?.IpFamily == "ipv6";

    /// <summary>The workers this run creates.</summary>
    public IReadOnlyList<NodeDefinition> Workers => Nodes.Where(n => n.Role == NodeRole.Worker).ToList();

    /// <summary>The node image's Kubernetes version and cgroup driver (read by the config action).</summary>
    public KindNodeImage? NodeImage { get; set; }
}

