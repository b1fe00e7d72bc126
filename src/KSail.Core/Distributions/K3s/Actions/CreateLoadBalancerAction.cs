namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>Create load balancer: as k3d, started last, with its config written before it starts, ready when nginx serves it.</summary>
internal sealed class CreateLoadBalancerAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "create load balancer";

    /// <inheritdoc/>
    public async Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        if (context.LoadBalancer is not { } loadBalancer)
        {
            return;
        }

        context.Steps.Begin(Name, $"{loadBalancer.Name} ({loadBalancer.Image})", loadBalancer.Name);
        await context.Docker.RunAsync(K3sProvisioner.LoadBalancerSpec(context.Cluster, loadBalancer, context.Options), ct).ConfigureAwait(false);
        await context.Docker.WaitForLogAsync(loadBalancer.Name, K3dLoadBalancer.ReadyLogLine, context.Cluster.Timeouts.Provision, ct).ConfigureAwait(false);
    }
}
