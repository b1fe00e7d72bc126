using KSail.Core.Distributions;
using KSail.Core.Providers;
using KSail.Core.Registries;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// Registries: the cluster's local registry and pull-through mirrors, started on the cluster's
/// network before any node, as KSail creates them before a Docker cluster (a failure here leaves
/// nothing behind: no node exists yet). The distribution creates its network first, as its own
/// create would.
/// </summary>
internal sealed class RegistriesPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "registries";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        if (cluster.Registries.Count == 0)
        {
            return;
        }

        var docker = ProviderFactory.RequireContainers(context.Provider, cluster.Distribution);
        await DistributionRegistry.For(cluster.Distribution).Provisioner(context.Provider, context.Progress)
            .CreateNetworkAsync(cluster, context.Options, ct).ConfigureAwait(false);
        context.NewRegistryVolumes = await ClusterRegistries.StartAsync(docker, cluster, context.Options, context.Progress, ct).ConfigureAwait(false);
    }
}
