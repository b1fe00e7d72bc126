namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Configure the load balancer (kind's loadbalancer action): Envoy's listeners and clusters for the
/// control planes, written next to the old files and moved into place, which Envoy follows. Nothing
/// without a load balancer.
/// </summary>
internal sealed class ConfigureLoadBalancerAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "configure the load balancer";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        if (context.LoadBalancer is not { } loadBalancer)
        {
            return;
        }

        var steps = context.Steps;
        steps.Begin(Name, $"{loadBalancer.Name} in front of {string.Join(", ", context.ControlPlanes)}", loadBalancer.Name);
        const string clustersNew = KindLoadBalancer.ClustersPath + ".tmp";
        const string listenersNew = KindLoadBalancer.ListenersPath + ".tmp";
        await steps.WriteFileAsync(loadBalancer.Name, listenersNew, KindLoadBalancer.Listeners(context.Ipv6), ct).ConfigureAwait(false);
        await steps.WriteFileAsync(loadBalancer.Name, clustersNew, KindLoadBalancer.Clusters(context.ControlPlanes, context.Ipv6), ct).ConfigureAwait(false);
        await steps.RunAsync(
            loadBalancer.Name,
            ["sh", "-c", $"chmod 666 {clustersNew} {listenersNew} && mv {clustersNew} {KindLoadBalancer.ClustersPath} && mv {listenersNew} {KindLoadBalancer.ListenersPath}"],
            null,
            ct).ConfigureAwait(false);
    }
}
