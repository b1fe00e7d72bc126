namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>Create network: the cluster's own network, labelled as k3d labels it.</summary>
internal sealed class CreateNetworkAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "create network";

    /// <inheritdoc/>
    public Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        context.Steps.Begin(Name, $"network '{cluster.Network}'");
        return context.Docker.EnsureNetworkAsync(cluster.Network, K3sProvisioner.Labels(cluster, "network", context.Options), ct);
    }
}
