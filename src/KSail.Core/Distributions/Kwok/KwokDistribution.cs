using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// KWOK as kwokctl's docker runtime (kwok v0.8.0) names and lays out its clusters: five containers
/// (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok-controller) on the
/// <c>kwok-&lt;name&gt;</c> network, context <c>kwok-&lt;name&gt;</c>, and fake Node objects the kwok
/// controller plays kubelets for.
/// </summary>
public sealed class KwokDistribution : IDistribution
{
    /// <inheritdoc/>
    public Distribution Id => Distribution.KWOK;

    /// <inheritdoc/>
    public string Tool => "kwokctl";

    /// <inheritdoc/>
    public INativeConfigFormat Config { get; } = new KwokctlConfigFormat();

    /// <inheritdoc/>
    public IUpdateRules UpdateRules { get; } = new KwokUpdateRules();

    /// <inheritdoc/>
    public INodeImages Images { get; } = new KwokNodeImages();

    /// <inheritdoc/>
    public string ClusterLabel => KwokNames.ClusterLabel;

    /// <inheritdoc/>
    public string RoleLabel => KwokNames.ComponentLabel;

    /// <inheritdoc/>
    public string ControlPlaneRole => KwokNames.KubeApiserver;

    /// <inheritdoc/>
    public string? LoadBalancerRole => null;

    /// <inheritdoc/>
    public string KubeconfigPath => KwokComponents.KubeconfigInContainer;

    /// <inheritdoc/>
    public int RequiredHealthyChecks => 3;

    /// <inheritdoc/>
    public string NodeImageSetting => "options.kubeApiserverImage in kwok.yaml";

    /// <inheritdoc/>
    public string ControlPlaneNodes => "kwokctl control-plane components";

    /// <inheritdoc/>
    public string WorkerNodes => "KWOK fake nodes";

    /// <inheritdoc/>
    public string ScaleWorkersDetail(bool add, int count) =>
        $"{(add ? "create" : "delete")} {count} fake node{(count == 1 ? string.Empty : "s")} (as kwokctl scale node)";

    /// <inheritdoc/>
    public string ContextName(string cluster) => KwokNames.Project(cluster);

    /// <inheritdoc/>
    public string? ApiHost(ContainerSummary controlPlane) => null;

    /// <inheritdoc/>
    public int StartOrder(ContainerSummary node)
    {
        // As kwokctl's links: etcd, then the API server, then the components that talk to it.
        ArgumentNullException.ThrowIfNull(node);
        return node.Labels.GetValueOrDefault(RoleLabel) switch
        {
            KwokNames.Etcd => -1,
            KwokNames.KubeApiserver => 0,
            _ => 1,
        };
    }

    /// <inheritdoc/>
    public bool RunsPods => false;

    /// <inheritdoc/>
    public void Forget(string cluster, RemovedResources removed)
    {
        // kwokctl's delete removes the work folder with the components; only after a KWOK cluster's own containers went.
        ArgumentNullException.ThrowIfNull(removed);
        if (removed.Containers.Contains(KwokNames.Container(cluster, KwokNames.KubeApiserver)) || removed.Networks.Contains(KwokNames.Project(cluster)))
        {
            KwokWorkFolder.Delete(KwokNames.WorkFolder(cluster));
        }
    }

    /// <inheritdoc/>
    public IProvisioner Provisioner(IProvider provider, IProgress<ProgressEvent>? progress) => new KwokProvisioner(ProviderFactory.RequireContainers(provider, Id), progress);
}
