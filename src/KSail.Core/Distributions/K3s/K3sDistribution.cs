using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.K3s;

/// <summary>K3s as k3d (v5.9) names, labels and lays out its clusters.</summary>
public sealed class K3sDistribution : IDistribution
{
    /// <inheritdoc/>
    public Distribution Id => Distribution.K3s;

    /// <inheritdoc/>
    public string Tool => "k3d";

    /// <inheritdoc/>
    public INativeConfigFormat Config { get; } = new K3dConfigFormat();

    /// <inheritdoc/>
    public IUpdateRules UpdateRules { get; } = new K3dUpdateRules();

    /// <inheritdoc/>
    public INodeImages Images { get; } = new K3sNodeImages();

    /// <inheritdoc/>
    public string ClusterLabel => K3sProvisioner.ClusterLabel;

    /// <inheritdoc/>
    public string RoleLabel => K3sProvisioner.RoleLabel;

    /// <inheritdoc/>
    public string ControlPlaneRole => "server";

    /// <inheritdoc/>
    public string? LoadBalancerRole => "loadbalancer";

    /// <inheritdoc/>
    public string KubeconfigPath => K3sProvisioner.K3sKubeconfig;

    /// <inheritdoc/>
    public int RequiredHealthyChecks => 3;

    /// <inheritdoc/>
    public string NodeImageSetting => "image in k3d.yaml";

    /// <inheritdoc/>
    public string ControlPlaneNodes => "k3d servers";

    /// <inheritdoc/>
    public string WorkerNodes => "k3d agents";

    /// <inheritdoc/>
    public string ScaleWorkersDetail(bool add, int count) =>
        $"{(add ? "add" : "remove")} {count} agent{(count == 1 ? string.Empty : "s")} (as k3d node {(add ? "create" : "delete")})";

    /// <inheritdoc/>
    public string ContextName(string cluster) => $"k3d-{cluster}";

    /// <inheritdoc/>
    public string? ApiHost(ContainerSummary controlPlane)
    {
        ArgumentNullException.ThrowIfNull(controlPlane);
        return controlPlane.Labels.GetValueOrDefault(K3sProvisioner.ApiHostLabel);
    }

    /// <inheritdoc/>
    public int StartOrder(ContainerSummary node)
    {
        // As k3d starts a cluster: servers, then agents, then the load balancer once the nodes it forwards to resolve again.
        ArgumentNullException.ThrowIfNull(node);
        var role = node.Labels.GetValueOrDefault(RoleLabel);
        return role == ControlPlaneRole ? 0 : role == LoadBalancerRole ? 2 : 1;
    }

    /// <inheritdoc/>
    public IProvisioner Provisioner(IProvider provider, IProgress<ProgressEvent>? progress) => new K3sProvisioner(ProviderFactory.RequireContainers(provider, Id), progress);
}
