using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>What k3d's create steps share besides the cluster: its servers, agents and load balancer, and the cluster's token.</summary>
internal sealed class K3dContext : ProvisioningContext
{
    public K3dContext(ClusterDefinition cluster, IReadOnlyList<NodeDefinition> nodes, CreateOptions options, IContainerProvider docker, ProvisioningSteps steps, string token, K3dNodeHost host)
        : base(cluster, nodes, options, docker, steps)
    {
        Token = token;
        Host = host;
        Server0 = cluster.Nodes.First(n => n.Role == NodeRole.ControlPlane).Name;
    }

    /// <summary>The servers this run creates, server-0 first.</summary>
    public IReadOnlyList<NodeDefinition> Servers => Nodes.Where(n => n.Role == NodeRole.ControlPlane).ToList();

    /// <summary>The agents this run creates.</summary>
    public IReadOnlyList<NodeDefinition> Agents => Nodes.Where(n => n.Role == NodeRole.Worker).ToList();

    /// <summary>k3d's load balancer, when this run creates it.</summary>
    public NodeDefinition? LoadBalancer => Nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer);

    /// <summary>The first server: it starts the cluster, the other nodes join it.</summary>
    public string Server0 { get; }

    /// <summary>Where the other nodes join (K3S_URL).</summary>
    public string Url => $"https://{Server0}:6443";

    /// <summary>The cluster's token (K3S_TOKEN), never logged.</summary>
    public string Token { get; }

    /// <summary>The fixes servers and agents get on this host (k3d's entry point, FIDELITY D4-D6).</summary>
    public K3dNodeHost Host { get; }

    /// <summary>The registries.yaml every server and agent gets before k3s starts (FIDELITY D14), or null for none.</summary>
    public string? Registries { get; set; }

    /// <summary>The registries the cluster uses, in k3d's order: those of <c>registries.use</c>, then the one <c>registries.create</c> made.</summary>
    public List<K3dClusterRegistry> ClusterRegistries { get; } = [];
}
