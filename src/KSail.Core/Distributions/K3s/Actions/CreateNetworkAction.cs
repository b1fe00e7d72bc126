using KSail.Core.Providers;

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
        return EnsureAsync(context.Docker, cluster, context.Options, ct);
    }

    /// <summary>The cluster's network as k3d creates it, labelled for the cluster.</summary>
    internal static Task<string> EnsureAsync(IContainerProvider docker, Configuration.ClusterDefinition cluster, Lifecycle.CreateOptions options, CancellationToken ct) =>
        docker.EnsureNetworkAsync(cluster.Network, K3sProvisioner.Labels(cluster, "network", options), ct);
}
