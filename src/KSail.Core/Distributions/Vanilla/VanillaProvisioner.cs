using KSail.Core.Configuration;
using KSail.Core.Distributions.Vanilla.Actions;
using KSail.Core.Providers;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// Creates a Vanilla cluster as kind creates it, without kind's binary: the <c>kind</c> network,
/// node containers named and labelled as kind names and labels them (with several control planes,
/// kind's external load balancer in front of their API servers), a kubeadm config per node,
/// <c>kubeadm init</c> on the first control plane, <c>kubeadm join</c> on the other control planes one
/// at a time and then on the workers at once (each node's config with kind.yaml's kubeadm patches
/// applied), the default CNI and storage manifests of the node
/// image, and the kubeconfig rewritten to the host endpoint.
/// </summary>
public sealed class VanillaProvisioner : IProvisioner
{
    /// <summary>kind's label naming a node's cluster.</summary>
    public const string ClusterLabel = "io.x-k8s.kind.cluster";

    /// <summary>kind's label naming a node's role.</summary>
    public const string RoleLabel = "io.x-k8s.kind.role";

    /// <summary>The Docker network every kind cluster joins.</summary>
    public const string Network = "kind";

    internal const string AdminConf = "/etc/kubernetes/admin.conf";

    private readonly IContainerProvider docker;
    private readonly IProgress<ProgressEvent>? progress;

    /// <summary>Creates a provisioner that runs nodes on <paramref name="docker"/>.</summary>
    public VanillaProvisioner(IContainerProvider docker, IProgress<ProgressEvent>? progress = null)
    {
        this.docker = docker;
        this.progress = progress;
    }

    /// <summary>Creates the cluster; on failure removes what was created (unless asked to keep it) and throws naming the step.</summary>
    /// <exception cref="ProvisioningException">A step failed (exit code 5); the message names it and holds the node's last log lines.</exception>
    public async Task<CreatedCluster> CreateAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var create = options ?? new CreateOptions();
        return await ProvisioningSteps.WithinProvisionLimitAsync(cluster, create, token => CreateWithinAsync(cluster, create, token), ct).ConfigureAwait(false);
    }

    /// <summary>kind's create, as kind's ordered actions (after its provider's network and nodes).</summary>
    internal static readonly IReadOnlyList<IProvisioningAction<KindContext>> Create =
    [
        new CheckImagesAction(),
        new CreateNetworkAction(),
        new CreateNodesAction(),
        new ConfigureLoadBalancerAction(),
        new WriteKubeadmConfigAction(),
        new ConfigureContainerdAction(),
        new KubeadmInitAction(),
        new CopyCertificatesAction(),
        new InstallCniAction(),
        new InstallStorageAction(),
        new JoinControlPlanesAction(),
        new JoinWorkersAction(),
        new AllowWorkloadsOnControlPlanesAction(),
        new ExportKubeconfigAction(),
    ];

    /// <summary>Adding workers to a running cluster: what create does for a worker, with the bootstrap token renewed first.</summary>
    internal static readonly IReadOnlyList<IProvisioningAction<KindContext>> AddWorkers =
    [
        new CheckImagesAction(),
        new CreateNodesAction("create workers"),
        new WriteKubeadmConfigAction(),
        new ConfigureContainerdAction(),
        new RenewBootstrapTokenAction(),
        new JoinWorkersAction(),
    ];

    private async Task<CreatedCluster> CreateWithinAsync(ClusterDefinition cluster, CreateOptions options, CancellationToken ct)
    {
        var steps = new ProvisioningSteps(docker, progress);
        var context = new KindContext(cluster, cluster.Nodes, options, docker, steps);
        await steps.RunAsync(context, Create, options.KeepOnFailure, () => DeleteAsync(cluster.Name, CancellationToken.None), ct).ConfigureAwait(false);
        return context.Created!;
    }

    /// <summary>
    /// Brings a running cluster's workers to the number <paramref name="cluster"/> declares. kind has
    /// no command for it, but its nodes are kubeadm nodes, so this does what create does for a worker:
    /// missing workers are created, get their kubeadm config (kind.yaml's patches and the node's
    /// declaration included) and join with the cluster's bootstrap token, renewed first (it expires
    /// 24 h after create); workers no longer declared are removed with their volumes. With no worker
    /// left, the control-plane taints are removed as create does, so workloads still find a node. A
    /// worker that fails to join is removed again. Returns the workers added and removed; the caller
    /// deletes the removed ones' Node objects.
    /// </summary>
    /// <exception cref="ProvisioningException">The cluster does not run, or a worker did not join.</exception>
    public async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)> ScaleWorkersAsync(ClusterDefinition cluster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _ = cluster.Nodes.FirstOrDefault(n => n.Role == NodeRole.ControlPlane)
            ?? throw new ArgumentException("a Vanilla cluster needs a control plane", nameof(cluster));
        var running = await docker.ListAsync(new Dictionary<string, string> { [ClusterLabel] = cluster.Name, [RoleLabel] = "worker" }, ct).ConfigureAwait(false);
        var declared = cluster.Nodes.Where(n => n.Role == NodeRole.Worker).ToList();
        var added = declared.Where(w => running.All(r => r.Name != w.Name)).ToList();
        var removed = running.Where(r => declared.All(w => w.Name != r.Name)).Select(r => r.Name).ToList();
        var steps = new ProvisioningSteps(docker, progress);
        var context = new KindContext(cluster, added, new CreateOptions(), docker, steps);
        if (added.Count > 0)
        {
            var names = added.Select(w => w.Name).ToList();
            await steps.RunAsync(context, AddWorkers, keep: false, () => steps.RemoveContainersAsync(names), ct).ConfigureAwait(false);
        }

        if (removed.Count > 0)
        {
            steps.Begin("remove workers", string.Join(", ", removed));
            await steps.RemoveContainersAsync(removed).ConfigureAwait(false);
            await new AllowWorkloadsOnControlPlanesAction().ExecuteAsync(context, ct).ConfigureAwait(false);
        }

        return (added.Select(w => w.Name).ToList(), removed);
    }

    /// <summary>
    /// Whether the node image's default storage (kind's local-path provisioner and its <c>standard</c>
    /// StorageClass) is installed: only when <c>spec.cluster.csi</c> is Default. Enabled means KSail.NET
    /// installs its own CSI later, Disabled means none.
    /// </summary>
    internal static bool InstallsDefaultStorage(ComponentSettings settings) => settings.Csi == Configuration.Model.Toggle.Default;

    /// <summary>
    /// Deletes every node of the cluster (found by kind's label), and the containers KSail.NET runs
    /// beside them on its network (its registries, by KSail.NET's label); returns their names.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string name, CancellationToken ct = default)
    {
        var removed = await docker.RemoveAnyAsync([new(ClusterLabel, name), new(ResourceLabels.Cluster, name)], ct).ConfigureAwait(false);
        return removed.Containers;
    }

    /// <inheritdoc/>
    public async Task<string> CreateNetworkAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        await CreateNetworkAction.EnsureAsync(docker, ct).ConfigureAwait(false);
        return Network;
    }
}
