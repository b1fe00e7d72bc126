using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Create nodes: the node containers (and the load balancer's) at once, as kind's provider
/// provisions them, each node waited for until it booted far enough for <c>docker exec</c>
/// (FIDELITY K22); named <paramref name="name"/> ("create workers" when scaling).
/// </summary>
internal sealed class CreateNodesAction(string name = "create nodes") : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var nodes = context.Nodes;
        var first = nodes.Any(n => n.Role == NodeRole.ControlPlane) ? context.ControlPlane : nodes[0].Name;
        context.Steps.Begin(Name, string.Join(", ", nodes.Select(n => n.Name)), first);
        var host = await context.Docker.HostAsync(ct).ConfigureAwait(false);
        var subnets = context.Cluster.Proxy.IsSet ? await context.Docker.NetworkSubnetsAsync(VanillaProvisioner.Network, ct).ConfigureAwait(false) : [];
        var environment = KindNodeSpecs.CommonEnvironment(context.Cluster, subnets, context.ServiceSubnet, context.PodSubnet);
        await Task.WhenAll(nodes.Select(n => RunAsync(context, n, host, environment, ct))).ConfigureAwait(false);
    }

    private static async Task RunAsync(KindContext context, NodeDefinition node, Providers.HostInfo host, IReadOnlyList<string> environment, CancellationToken ct)
    {
        if (node.Role == NodeRole.LoadBalancer)
        {
            await context.Docker.RunAsync(KindNodeSpecs.LoadBalancerSpec(context.Cluster, node, context.Options, environment), ct).ConfigureAwait(false);
            return;
        }

        await context.Docker.RunAsync(KindNodeSpecs.NodeSpec(context.Cluster, node, context.LoadBalancer is not null, context.Options, host, environment), ct).ConfigureAwait(false);

        // As kind: no docker exec before the node booted (kind#2409).
        await context.Docker.WaitForLogAsync(node.Name, KindNodeSpecs.Booted(), KindNodeSpecs.BootTimeout, ct).ConfigureAwait(false);
    }
}
