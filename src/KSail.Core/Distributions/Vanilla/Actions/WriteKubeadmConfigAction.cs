using System.Globalization;
using System.Text;
using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Write kubeadm config (kind's config action): reads the node image (its Kubernetes version and
/// cgroup driver), then writes each new node's /kind/kubeadm.conf: kubeadm's configs as kind writes
/// them, kind.yaml's patches for every node, then the node's own.
/// </summary>
internal sealed class WriteKubeadmConfigAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "write kubeadm config";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var image = await ReadNodeImageAsync(context, ct).ConfigureAwait(false);
        context.NodeImage = image;
        var rootless = (await context.Docker.HostAsync(ct).ConfigureAwait(false)).Rootless;
        context.Steps.Begin(Name);
        foreach (var node in context.Nodes.Where(n => n.Role != NodeRole.LoadBalancer))
        {
            await WriteAsync(context, node, image, rootless, ct).ConfigureAwait(false);
        }
    }

    // The Kubernetes version the node image carries, and the cgroup driver its containerd uses.
    private static async Task<KindNodeImage> ReadNodeImageAsync(KindContext context, CancellationToken ct)
    {
        var controlPlane = context.ControlPlane;
        context.Steps.Begin("read the node image", node: controlPlane);
        var version = Encoding.UTF8.GetString(await context.Docker.ReadFileAsync(controlPlane, "/kind/version", ct).ConfigureAwait(false)).Trim();
        var containerdConfig = await context.Docker.ExecAsync(controlPlane, ["cat", "/etc/containerd/config.toml"], ct: ct).ConfigureAwait(false);
        return new KindNodeImage(version, containerdConfig.Output.Contains("SystemdCgroup = true", StringComparison.Ordinal) ? "systemd" : "cgroupfs");
    }

    private static async Task WriteAsync(KindContext context, NodeDefinition node, KindNodeImage image, bool rootless, CancellationToken ct)
    {
        var cluster = context.Cluster;
        var kind = context.Kind;
        var declarations = KindNodeSpecs.NodeDeclarations(cluster);
        context.Steps.Node = node.Name;
        var address = await context.Docker.AddressAsync(node.Name, VanillaProvisioner.Network, ct).ConfigureAwait(false)
            ?? throw new ProvisioningException($"node {node.Name} has no address on the '{VanillaProvisioner.Network}' network");
        var config = KubeadmConfig.Generate(new KubeadmConfigData
        {
            ClusterName = cluster.Name,
            KubernetesVersion = image.KubernetesVersion,
            ControlPlaneEndpoint = $"{context.LoadBalancer?.Name ?? context.ControlPlane}:{KubeadmConfig.ApiServerPort}",
            ApiServerAddress = cluster.Ports[0].ListenAddress,
            ControlPlane = node.Role == NodeRole.ControlPlane,
            NodeAddress = address,
            NodeName = node.Name,
            PodSubnet = context.PodSubnet,
            ServiceSubnet = context.ServiceSubnet,
            KubeProxyMode = kind.Networking?.KubeProxyMode ?? "iptables",
            CgroupDriver = image.CgroupDriver,
            FeatureGates = kind.FeatureGates ?? [],
            RuntimeConfig = kind.RuntimeConfig ?? [],
            Rootless = rootless,

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

        await context.Steps.WriteFileAsync(node.Name, "/kind/kubeadm.conf", config, ct).ConfigureAwait(false);
    }
}
