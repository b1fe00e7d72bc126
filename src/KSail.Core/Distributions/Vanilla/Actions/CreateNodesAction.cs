using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Create nodes: the node containers (and the load balancer's) at once, as kind's provider
/// provisions them; named <paramref name="name"/> ("create workers" when scaling).
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
        await Task.WhenAll(nodes.Select(n => context.Docker.RunAsync(
            n.Role == NodeRole.LoadBalancer
                ? KindNodeSpecs.LoadBalancerSpec(context.Cluster, n, context.Options)
                : KindNodeSpecs.NodeSpec(context.Cluster, n, context.LoadBalancer is not null, context.Options, host),
            ct))).ConfigureAwait(false);
    }
}
