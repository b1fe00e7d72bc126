using System.Globalization;
using System.Text;
using KSail.Core.Configuration;
using KSail.Core.Kubeconfig;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
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

    private const string DefaultPodSubnet = "10.244.0.0/16";
    private const string DefaultServiceSubnet = "10.96.0.0/16";
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

    private async Task<CreatedCluster> CreateWithinAsync(ClusterDefinition cluster, CreateOptions options, CancellationToken ct)
    {
        var kind = cluster.Native<KindCluster>();

        // kind's bootstrap control plane is the first by name; the others join it.
        var controlPlanes = cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        var controlPlane = controlPlanes.Count > 0 ? controlPlanes[0] : throw new ArgumentException("a Vanilla cluster needs a control plane", nameof(cluster));
        var loadBalancer = cluster.Nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer);
        var kubeNodes = cluster.Nodes.Where(n => n.Role != NodeRole.LoadBalancer).ToList();
        var ipv6 = kind.Networking?.IpFamily == "ipv6";

        var steps = new ProvisioningSteps(docker, progress);
        try
        {
            await steps.CheckImagesAsync(cluster.Nodes.Select(n => n.Image), ct).ConfigureAwait(false);

            steps.Begin("create network", $"network '{Network}'");
            await docker.EnsureNetworkAsync(Network, new Dictionary<string, string>(), ct).ConfigureAwait(false);

            steps.Begin("create nodes", string.Join(", ", cluster.Nodes.Select(n => n.Name)), controlPlane);
            var host = await docker.HostAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(cluster.Nodes.Select(n => docker.RunAsync(
                n.Role == NodeRole.LoadBalancer ? LoadBalancerSpec(cluster, n, options) : NodeSpec(cluster, n, loadBalancer is not null, options, host),
                ct))).ConfigureAwait(false);

            if (loadBalancer is not null)
            {
                // As kind's loadbalancer action: new files next to the old ones, then moved into place, which Envoy follows.
                steps.Begin("configure the load balancer", $"{loadBalancer.Name} in front of {string.Join(", ", controlPlanes)}", loadBalancer.Name);
                const string clustersNew = KindLoadBalancer.ClustersPath + ".tmp";
                const string listenersNew = KindLoadBalancer.ListenersPath + ".tmp";
                await WriteAsync(steps, loadBalancer.Name, listenersNew, KindLoadBalancer.Listeners(ipv6), ct).ConfigureAwait(false);
                await WriteAsync(steps, loadBalancer.Name, clustersNew, KindLoadBalancer.Clusters(controlPlanes, ipv6), ct).ConfigureAwait(false);
                await steps.RunAsync(
                    loadBalancer.Name,
                    ["sh", "-c", $"chmod 666 {clustersNew} {listenersNew} && mv {clustersNew} {KindLoadBalancer.ClustersPath} && mv {listenersNew} {KindLoadBalancer.ListenersPath}"],
                    null,
                    ct).ConfigureAwait(false);
            }

            var image = await ReadNodeImageAsync(steps, controlPlane, ct).ConfigureAwait(false);
            steps.Begin("write kubeadm config");
            var podSubnet = kind.Networking?.PodSubnet ?? DefaultPodSubnet;
            foreach (var n in kubeNodes)
            {
                await WriteKubeadmConfigAsync(steps, cluster, n, image, loadBalancer?.Name ?? controlPlane, ct).ConfigureAwait(false);
            }

            steps.Begin("kubeadm init", controlPlane, controlPlane);
            await steps.RunAsync(controlPlane, ["kubeadm", "init", "--skip-phases=preflight", "--config=/kind/kubeadm.conf", "--skip-token-print", "--v=6"], null, ct).ConfigureAwait(false);

            if (controlPlanes.Count > 1)
            {
                // As kind: the cluster's CAs, service-account keys and admin kubeconfig go to the other control planes before they join.
                steps.Begin("copy certificates", string.Join(", ", controlPlanes.Skip(1)));
                foreach (var file in SharedControlPlaneFiles)
                {
                    steps.Node = controlPlane;
                    var content = await docker.ReadFileAsync(controlPlane, file, ct).ConfigureAwait(false);
                    foreach (var other in controlPlanes.Skip(1))
                    {
                        await WriteAsync(steps, other, file, content, ct).ConfigureAwait(false);
                    }
                }
            }

            if (kind.Networking?.DisableDefaultCni != true)
            {
                steps.Begin("install CNI", "the node image's default CNI");
                var cni = Encoding.UTF8.GetString(await docker.ReadFileAsync(controlPlane, "/kind/manifests/default-cni.yaml", ct).ConfigureAwait(false));
                cni = cni.Replace("{{ .PodSubnet }}", podSubnet, StringComparison.Ordinal).Replace("{{.PodSubnet}}", podSubnet, StringComparison.Ordinal);
                await steps.RunAsync(controlPlane, ["kubectl", "create", $"--kubeconfig={AdminConf}", "-f", "-"], Encoding.UTF8.GetBytes(cni), ct).ConfigureAwait(false);
            }

            if (InstallsDefaultStorage(cluster.Settings))
            {
                steps.Begin("install storage");
                var storage = await docker.ExecAsync(controlPlane, ["cat", "/kind/manifests/default-storage.yaml"], ct: ct).ConfigureAwait(false);
                if (storage.ExitCode == 0)
                {
                    steps.Begin("install storage", "the node image's default storage");
                    await steps.RunAsync(controlPlane, ["kubectl", $"--kubeconfig={AdminConf}", "apply", "-f", "-"], Encoding.UTF8.GetBytes(storage.Output), ct).ConfigureAwait(false);
                }
            }

            foreach (var other in controlPlanes.Skip(1))
            {
                // One at a time, as kind: concurrent control-plane joins are not safe (etcd membership).
                steps.Begin("kubeadm join control plane", other, other);
                await steps.RunAsync(other, Join, null, ct).ConfigureAwait(false);
            }

            var workers = cluster.Nodes.Where(n => n.Role == NodeRole.Worker).ToList();
            steps.Begin("kubeadm join", string.Join(", ", workers.Select(w => w.Name)));
            await Task.WhenAll(workers.Select(w => steps.RunAsync(w.Name, Join, null, ct))).ConfigureAwait(false);

            if (workers.Count == 0)
            {
                await AllowWorkloadsOnControlPlanesAsync(steps, controlPlane, ct).ConfigureAwait(false);
            }

            steps.Begin("export kubeconfig");
            var hostPort = await docker.HostPortAsync(cluster.Ports[0].Node, KubeadmConfig.ApiServerPort, ct: ct).ConfigureAwait(false)
                ?? throw new ProvisioningException($"the API port of {cluster.Ports[0].Node} is not published");
            var server = ApiEndpoint.For(cluster.Ports[0].ListenAddress, hostPort);
            var admin = Encoding.UTF8.GetString(await docker.ReadFileAsync(controlPlane, AdminConf, ct).ConfigureAwait(false));
            var kubeconfig = Kubeconfigs.Rewrite(admin, cluster.ContextName, server);
            steps.Begin("export kubeconfig", $"context {cluster.ContextName} at {server}");
            return new CreatedCluster(cluster.Name, cluster.ContextName, server, kubeconfig);
        }
        catch (Exception ex)
        {
            throw await steps.FailAsync(ex, options.KeepOnFailure, () => DeleteAsync(cluster.Name, CancellationToken.None), ct).ConfigureAwait(false);
        }
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
        var controlPlane = cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane).Select(n => n.Name).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new ArgumentException("a Vanilla cluster needs a control plane", nameof(cluster));
        var running = await docker.ListAsync(new Dictionary<string, string> { [ClusterLabel] = cluster.Name, [RoleLabel] = "worker" }, ct).ConfigureAwait(false);
        var declared = cluster.Nodes.Where(n => n.Role == NodeRole.Worker).ToList();
        var added = declared.Where(w => running.All(r => r.Name != w.Name)).ToList();
        var removed = running.Where(r => declared.All(w => w.Name != r.Name)).Select(r => r.Name).ToList();
        var loadBalancer = cluster.Nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer);
        var steps = new ProvisioningSteps(docker, progress);
        if (added.Count > 0)
        {
            var names = added.Select(w => w.Name).ToList();
            try
            {
                await steps.CheckImagesAsync(added.Select(w => w.Image), ct).ConfigureAwait(false);
                steps.Begin("create workers", string.Join(", ", names), names[0]);
                var host = await docker.HostAsync(ct).ConfigureAwait(false);
                await Task.WhenAll(added.Select(w => docker.RunAsync(NodeSpec(cluster, w, loadBalancer is not null, new CreateOptions(), host), ct))).ConfigureAwait(false);
                var image = await ReadNodeImageAsync(steps, controlPlane, ct).ConfigureAwait(false);
                steps.Begin("write kubeadm config");
                foreach (var w in added)
                {
                    await WriteKubeadmConfigAsync(steps, cluster, w, image, loadBalancer?.Name ?? controlPlane, ct).ConfigureAwait(false);
                }

                steps.Begin("renew the bootstrap token", controlPlane, controlPlane);
                await steps.RunAsync(
                    controlPlane,
                    ["sh", "-c", $"kubeadm token delete {KubeadmConfig.Token} >/dev/null 2>&1; kubeadm token create {KubeadmConfig.Token} --ttl 24h >/dev/null"],
                    null,
                    ct).ConfigureAwait(false);
                steps.Begin("kubeadm join", string.Join(", ", names));
                await Task.WhenAll(added.Select(w => steps.RunAsync(w.Name, Join, null, ct))).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw await steps.FailAsync(ex, keep: false, () => steps.RemoveContainersAsync(names), ct).ConfigureAwait(false);
            }
        }

        if (removed.Count > 0)
        {
            steps.Begin("remove workers", string.Join(", ", removed));
            await steps.RemoveContainersAsync(removed).ConfigureAwait(false);
            if (declared.Count == 0)
            {
                await AllowWorkloadsOnControlPlanesAsync(steps, controlPlane, ct).ConfigureAwait(false);
            }
        }

        return (added.Select(w => w.Name).ToList(), removed);
    }

    // What a node runs to join, as kind runs it: the node's own kubeadm config, no preflight checks.
    private static readonly string[] Join = ["kubeadm", "join", "--config", "/kind/kubeadm.conf", "--skip-phases=preflight", "--v=6"];

    private sealed record NodeImage(string KubernetesVersion, string CgroupDriver);

    // The Kubernetes version the node image carries, and the cgroup driver its containerd uses.
    private async Task<NodeImage> ReadNodeImageAsync(ProvisioningSteps steps, string controlPlane, CancellationToken ct)
    {
        steps.Begin("read the node image", node: controlPlane);
        var version = Encoding.UTF8.GetString(await docker.ReadFileAsync(controlPlane, "/kind/version", ct).ConfigureAwait(false)).Trim();
        var containerdConfig = await docker.ExecAsync(controlPlane, ["cat", "/etc/containerd/config.toml"], ct: ct).ConfigureAwait(false);
        return new NodeImage(version, containerdConfig.Output.Contains("SystemdCgroup = true", StringComparison.Ordinal) ? "systemd" : "cgroupfs");
    }

    // A node's /kind/kubeadm.conf: kubeadm's configs as kind writes them, then kind.yaml's patches for every node, then the node's own.
    private async Task WriteKubeadmConfigAsync(ProvisioningSteps steps, ClusterDefinition cluster, NodeDefinition node, NodeImage image, string endpointHost, CancellationToken ct)
    {
        var kind = cluster.Native<KindCluster>();
        var declarations = NodeDeclarations(cluster);
        steps.Node = node.Name;
        var address = await docker.AddressAsync(node.Name, Network, ct).ConfigureAwait(false)
            ?? throw new ProvisioningException($"node {node.Name} has no address on the '{Network}' network");
        var config = KubeadmConfig.Generate(new KubeadmConfigData
        {
            ClusterName = cluster.Name,
            KubernetesVersion = image.KubernetesVersion,
            ControlPlaneEndpoint = $"{endpointHost}:{KubeadmConfig.ApiServerPort}",
            ApiServerAddress = cluster.Ports[0].ListenAddress,
            ControlPlane = node.Role == NodeRole.ControlPlane,
            NodeAddress = address,
            NodeName = node.Name,
            PodSubnet = kind.Networking?.PodSubnet ?? DefaultPodSubnet,
            ServiceSubnet = kind.Networking?.ServiceSubnet ?? DefaultServiceSubnet,
            KubeProxyMode = kind.Networking?.KubeProxyMode ?? "iptables",
            CgroupDriver = image.CgroupDriver,
            FeatureGates = kind.FeatureGates ?? [],
            RuntimeConfig = kind.RuntimeConfig ?? [],

            // As kind: the node's declared labels, registered by its kubelet (key=value,...).
            NodeLabels = string.Join(",", (declarations.GetValueOrDefault(node.Name)?.Labels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
        });

        // As kind: the cluster's patches on every node's config, then the node's own.
        if (KubeadmConfigPatches.Any(kind.KubeadmConfigPatches, kind.KubeadmConfigPatchesJson6902))
        {
            config = KubeadmConfigPatches.Apply(config, kind.KubeadmConfigPatches, kind.KubeadmConfigPatchesJson6902);
        }

        if (declarations.GetValueOrDefault(node.Name) is { } declared && KubeadmConfigPatches.Any(declared.KubeadmConfigPatches, declared.KubeadmConfigPatchesJson6902))
        {
            var at = $"nodes[{kind.Nodes!.IndexOf(declared).ToString(CultureInfo.InvariantCulture)}].";
            config = KubeadmConfigPatches.Apply(config, declared.KubeadmConfigPatches, declared.KubeadmConfigPatchesJson6902, at);
        }

        await WriteAsync(steps, node.Name, "/kind/kubeadm.conf", config, ct).ConfigureAwait(false);
    }

    // kind does this only for a single node; with no worker KSail.NET does it too, so workloads (and
    // KSail's stability check) find a schedulable node.
    private async Task AllowWorkloadsOnControlPlanesAsync(ProvisioningSteps steps, string controlPlane, CancellationToken ct)
    {
        steps.Begin("allow workloads on the control plane");
        foreach (var taint in new[] { "node-role.kubernetes.io/master-", "node-role.kubernetes.io/control-plane-" })
        {
            // kind removes both; a node carries one or the other depending on its version.
            await docker.ExecAsync(controlPlane, ["kubectl", $"--kubeconfig={AdminConf}", "taint", "nodes", "--all", taint], ct: ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the node image's default storage (kind's local-path provisioner and its <c>standard</c>
    /// StorageClass) is installed: only when <c>spec.cluster.csi</c> is Default. Enabled means KSail.NET
    /// installs its own CSI later, Disabled means none.
    /// </summary>
    internal static bool InstallsDefaultStorage(ComponentSettings settings) => settings.Csi == Configuration.Model.Toggle.Default;

    /// <summary>Deletes every node of the cluster (found by kind's label); returns their names.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string name, CancellationToken ct = default)
    {
        var removed = await docker.RemoveAsync(new Dictionary<string, string> { [ClusterLabel] = name }, ct).ConfigureAwait(false);
        return removed.Containers;
    }

    // What kind copies from the bootstrap control plane to the others after kubeadm init.
    private static readonly string[] SharedControlPlaneFiles =
    [
        AdminConf,
        "/etc/kubernetes/pki/ca.crt", "/etc/kubernetes/pki/ca.key",
        "/etc/kubernetes/pki/front-proxy-ca.crt", "/etc/kubernetes/pki/front-proxy-ca.key",
        "/etc/kubernetes/pki/sa.pub", "/etc/kubernetes/pki/sa.key",
        "/etc/kubernetes/pki/etcd/ca.crt", "/etc/kubernetes/pki/etcd/ca.key",
    ];

    private static Dictionary<string, string> Labels(ClusterDefinition cluster, string role, CreateOptions options)
    {
        var labels = ResourceLabels.For(cluster.Name, role, options.ExtraLabels);
        labels[ClusterLabel] = cluster.Name;
        labels[RoleLabel] = role;
        labels[ResourceLabels.Distribution] = "Vanilla";
        return labels;
    }

    // As kind runs it: not a node (no privileges, mounts or kubelet), the API port published, Envoy's bootstrap as the command.
    private static ContainerSpec LoadBalancerSpec(ClusterDefinition cluster, NodeDefinition node, CreateOptions options) => new()
    {
        Name = node.Name,
        Hostname = node.Name,
        Image = node.Image,
        Network = Network,
        Labels = Labels(cluster, "external-load-balancer", options),
        Tty = true,
        PrivateCgroupNamespace = true,
        Restart = ("on-failure", 1),
        Command = KindLoadBalancer.Command(cluster.Name, node.Name),
        Ports = Publications(cluster, node.Name),
    };

    private static List<PortPublication> Publications(ClusterDefinition cluster, string node) => cluster.Ports
        .Where(p => p.Node == node)
        .Select(p => new PortPublication(p.ListenAddress, p.HostPort, p.ContainerPort, p.Protocol.ToLowerInvariant()))
        .ToList();

    private static ContainerSpec NodeSpec(ClusterDefinition cluster, NodeDefinition node, bool behindLoadBalancer, CreateOptions options, HostInfo host)
    {
        var role = node.Role == NodeRole.ControlPlane ? "control-plane" : "worker";
        var ports = Publications(cluster, node.Name);
        if (behindLoadBalancer && node.Role == NodeRole.ControlPlane)
        {
            // As kind: behind the load balancer, each API server is still published, on a free loopback port.
            ports.Add(new PortPublication(cluster.Native<KindCluster>().Networking?.IpFamily == "ipv6" ? "::1" : "127.0.0.1", 0, KubeadmConfig.ApiServerPort));
        }

        var declared = NodeDeclarations(cluster).GetValueOrDefault(node.Name);
        var mounts = new List<ContainerMount>
        {
            new(MountKind.Tmpfs, string.Empty, "/tmp"),
            new(MountKind.Tmpfs, string.Empty, "/run"),
            new(MountKind.Volume, string.Empty, "/var"),
        };
        // As kind, every node gets the Docker host's kernel modules read-only
        // (pkg/cluster/internal/providers/docker/create.go binds /lib/modules on each node). The path
        // is the Docker host's: when the engine shares this machine's file system it is checked here
        // (a host without it gets no mount); under Docker Desktop's VM or on a remote engine it cannot
        // be checked from here, so it is bound as kind binds it (docker run -v), which the engine
        // creates when it is missing.
        if (!host.SharesFileSystem || Directory.Exists("/lib/modules"))
        {
            mounts.Add(new ContainerMount(MountKind.Bind, "/lib/modules", "/lib/modules", ReadOnly: true, CreateMissingSource: !host.SharesFileSystem));
        }

        foreach (var m in declared?.ExtraMounts ?? [])
        {
            mounts.Add(new ContainerMount(MountKind.Bind, Path.GetFullPath(m.HostPath!), m.ContainerPath!, m.ReadOnly == true, PropagationFor(m.Propagation)));
        }

        return new ContainerSpec
        {
            Name = node.Name,
            Image = node.Image,
            Network = Network,
            Labels = Labels(cluster, role, options),
            Privileged = true,
            SecurityOptions = ["seccomp=unconfined", "apparmor=unconfined"],
            Tty = true,
            PrivateCgroupNamespace = true,
            Restart = ("on-failure", 1),
            Mounts = mounts,
            Environment = node.Role == NodeRole.ControlPlane ? [$"KUBECONFIG={AdminConf}"] : [],
            Ports = ports,
        };
    }

    private static Dictionary<string, KindNode> NodeDeclarations(ClusterDefinition cluster)
    {
        var declared = cluster.Native<KindCluster>().Nodes ?? [];
        return KindNodeNames.Of(cluster.Name, declared.Select(n => n.Role))
            .Zip(declared)
            .ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private static string? PropagationFor(string? kindPropagation) => kindPropagation switch
    {
        "HostToContainer" => "rslave",
        "Bidirectional" => "rshared",
        _ => null,
    };

    private static Task WriteAsync(ProvisioningSteps steps, string node, string path, string content, CancellationToken ct) =>
        WriteAsync(steps, node, path, Encoding.UTF8.GetBytes(content), ct);

    private static async Task WriteAsync(ProvisioningSteps steps, string node, string path, byte[] content, CancellationToken ct)
    {
        // As kind's nodeutils.WriteFile: make the directory, then copy standard input to the file.
        await steps.RunAsync(node, ["mkdir", "-p", path[..path.LastIndexOf('/')]], null, ct).ConfigureAwait(false);
        await steps.RunAsync(node, ["cp", "/dev/stdin", path], content, ct).ConfigureAwait(false);
    }
}
