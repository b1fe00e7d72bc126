using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Distributions;

/// <summary>
/// What the engine knows of one Kubernetes distribution, so that nothing outside the
/// distribution's folder names its tool's labels, roles, paths or context prefix. One per folder
/// under <c>Distributions/</c>; the one list is <see cref="DistributionRegistry.All"/>.
/// </summary>
public interface IDistribution
{
    /// <summary>The <c>spec.cluster.distribution</c> value this distribution builds.</summary>
    Distribution Id { get; }

    /// <summary>The tool whose clusters this one is compatible with (<c>kind</c>, <c>k3d</c>).</summary>
    string Tool { get; }

    /// <summary>Its native config (kind.yaml, k3d.yaml): read, checked and resolved into nodes and ports.</summary>
    INativeConfigFormat Config { get; }

    /// <summary>What <c>cluster update</c> changes in place, and what needs a new cluster.</summary>
    IUpdateRules UpdateRules { get; }

    /// <summary>Where its nodes keep images, for <c>workload import</c> and <c>export</c>.</summary>
    INodeImages Images { get; }

    /// <summary>The tool's label naming a node's cluster.</summary>
    string ClusterLabel { get; }

    /// <summary>The tool's label naming a node's role.</summary>
    string RoleLabel { get; }

    /// <summary>The role value of a control-plane node (the one the kubeconfig is read from).</summary>
    string ControlPlaneRole { get; }

    /// <summary>The role value of the node that publishes the API in front of the control planes, if the distribution has one.</summary>
    string? LoadBalancerRole { get; }

    /// <summary>Where a control-plane node keeps the admin kubeconfig.</summary>
    string KubeconfigPath { get; }

    /// <summary>How many consecutive healthy API server checks the stability check asks for (KSail: 3 for kind, k3d and KWOK, 5 for Talos and VCluster).</summary>
    int RequiredHealthyChecks { get; }

    /// <summary>Where the native config sets the Kubernetes version (the node image), for messages: <c>nodes[].image in kind.yaml</c>.</summary>
    string NodeImageSetting { get; }

    /// <summary>The control-plane nodes in the tool's words, for plans: <c>kind control-plane nodes</c>, <c>k3d servers</c>.</summary>
    string ControlPlaneNodes { get; }

    /// <summary>The worker nodes in the tool's words, for plans: <c>kind worker nodes</c>, <c>k3d agents</c>.</summary>
    string WorkerNodes { get; }

    /// <summary>How <see cref="IProvisioner.ScaleWorkersAsync"/> adds (<paramref name="add"/>) or removes <paramref name="count"/> workers, for plans.</summary>
    string ScaleWorkersDetail(bool add, int count);

    /// <summary>The kubeconfig context of <paramref name="cluster"/> (the tool's own: kind and k3d both write <c>&lt;tool&gt;-&lt;name&gt;</c>).</summary>
    string ContextName(string cluster);

    /// <summary>
    /// The host a kubeconfig of the running cluster names, when the distribution records one on its
    /// control plane (k3d's <c>kubeAPI.host</c> label); null to use the address the API is published on.
    /// </summary>
    string? ApiHost(ContainerSummary controlPlane);

    /// <summary>When a stopped node starts, in ascending order: the tool's own order (control planes first).</summary>
    int StartOrder(ContainerSummary node);

    /// <summary>
    /// Whether Pods really run on its nodes; false where the nodes are simulated (KWOK: the kwok
    /// controller reports Pods Running, nothing runs them), so nothing waits for a GitOps engine's
    /// controllers to reconcile (KSail skips Flux and reconciliation on KWOK,
    /// pkg/cli/setup/requirements.go, pkg/cli/cmd/workload/reconcile.go).
    /// </summary>
    bool RunsPods => true;

    /// <summary>
    /// Removes what the distribution keeps on the host beside a cluster's nodes (kwokctl's work folder),
    /// once <paramref name="removed"/> (what <c>cluster delete</c> removed by the cluster's labels) shows
    /// the cluster was one of this distribution's; nothing by default.
    /// </summary>
    void Forget(string cluster, RemovedResources removed)
    {
    }

    /// <summary>A provisioner that creates and scales this distribution's clusters on <paramref name="provider"/>.</summary>
    /// <exception cref="ProviderUnavailableException">The provider cannot host this distribution's nodes (exit code 4).</exception>
    IProvisioner Provisioner(IProvider provider, IProgress<ProgressEvent>? progress);
}
