using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>Vanilla Kubernetes as kind (v0.32) names, labels and lays out its clusters.</summary>
public sealed class VanillaDistribution : IDistribution
{
    /// <inheritdoc/>
    public Distribution Id => Distribution.Vanilla;

    /// <inheritdoc/>
    public string Tool => "kind";

    /// <inheritdoc/>
    public INativeConfigFormat Config { get; } = new KindConfigFormat();

    /// <inheritdoc/>
    public IUpdateRules UpdateRules { get; } = new KindUpdateRules();

    /// <inheritdoc/>
    public INodeImages Images { get; } = new KindNodeImages();

    /// <inheritdoc/>
    public string ClusterLabel => VanillaProvisioner.ClusterLabel;

    /// <inheritdoc/>
    public string RoleLabel => VanillaProvisioner.RoleLabel;

    /// <inheritdoc/>
    public string ControlPlaneRole => "control-plane";

    /// <inheritdoc/>
    public string? LoadBalancerRole => "external-load-balancer";

    /// <inheritdoc/>
    public string KubeconfigPath => VanillaProvisioner.AdminConf;

    /// <inheritdoc/>
    public int RequiredHealthyChecks => 3;

    /// <inheritdoc/>
    public string NodeImageSetting => "nodes[].image in kind.yaml";

    /// <inheritdoc/>
    public string ControlPlaneNodes => "kind control-plane nodes";

    /// <inheritdoc/>
    public string WorkerNodes => "kind worker nodes";

    /// <inheritdoc/>
    public string ScaleWorkersDetail(bool add, int count) =>
        $"{(add ? "add" : "remove")} {count} worker{(count == 1 ? string.Empty : "s")} ({(add ? "created and joined with kubeadm as kind's create joins them; kind itself has no command for it" : "removed with their Node objects")})";

    /// <inheritdoc/>
    public string ContextName(string cluster) => $"kind-{cluster}";

    /// <inheritdoc/>
    public string? ApiHost(ContainerSummary controlPlane) => null;

    /// <inheritdoc/>
    public int StartOrder(ContainerSummary node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Labels.GetValueOrDefault(RoleLabel) == ControlPlaneRole ? 0 : 1;
    }

    /// <inheritdoc/>
    public IProvisioner Provisioner(IProvider provider, IProgress<ProgressEvent>? progress) => new VanillaProvisioner(ProviderFactory.RequireContainers(provider, Id), progress);
}
