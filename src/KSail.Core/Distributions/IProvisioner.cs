using KSail.Core.Configuration;
using KSail.Core.Lifecycle;

namespace KSail.Core.Distributions;

/// <summary>Creates a distribution's clusters on a provider's nodes, and changes their worker count.</summary>
public interface IProvisioner
{
    /// <summary>Creates the cluster; on failure removes what was created (unless asked to keep it) and throws naming the step.</summary>
    /// <exception cref="ProvisioningException">A step failed (exit code 5).</exception>
    Task<CreatedCluster> CreateAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Creates the network the cluster's nodes join (nothing when it exists), as create's first step
    /// does, so that containers serving the nodes (KSail.NET's registries) join it before a node
    /// starts; returns the network's name.
    /// </summary>
    Task<string> CreateNetworkAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Brings the running cluster's workers (kind's workers, k3d's agents) to the count
    /// <paramref name="cluster"/> declares; returns the node names added and removed (the caller
    /// removes the removed ones' Node objects).
    /// </summary>
    Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)> ScaleWorkersAsync(ClusterDefinition cluster, CancellationToken ct = default);
}
