using KSail.Core.Components;

namespace KSail.Core.Lifecycle;

/// <summary>What <c>cluster info</c> shows of a cluster: its nodes and, when it runs, its API endpoint and components.</summary>
/// <param name="Summary">The cluster and its node containers.</param>
/// <param name="Running">Whether any node container runs (only then are the API and components read).</param>
/// <param name="Server">The API server's address; null when the cluster is not running.</param>
/// <param name="ContextName">The kubeconfig context; null when the cluster is not running.</param>
/// <param name="Components">The components installed by KSail.NET or Helm; null when the cluster is not running.</param>
public sealed record ClusterDescription(ClusterSummary Summary, bool Running, Uri? Server, string? ContextName, IReadOnlyList<InstalledComponent>? Components)
{
    /// <summary>
    /// Why the API and components of a running cluster could not be read (its API not answering yet,
    /// say), or null: the nodes are known either way, so a renderer can show them before the error.
    /// </summary>
    public System.Runtime.ExceptionServices.ExceptionDispatchInfo? ApiFailure { get; init; }

    /// <summary>
    /// The cluster's running local registry as the host pushes to it (<c>localhost:5050</c>); null when
    /// it has none or the registry is not running.
    /// </summary>
    public string? Registry { get; init; }
}
