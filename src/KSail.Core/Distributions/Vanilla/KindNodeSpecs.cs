using KSail.Core.Configuration;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>kind's node containers: how kind runs a node and its external load balancer, with kind's names and labels.</summary>
internal static class KindNodeSpecs
{
    internal static Dictionary<string, string> Labels(ClusterDefinition cluster, string role, CreateOptions options)
    {
        var labels = ResourceLabels.For(cluster.Name, role, options.ExtraLabels);
        labels[VanillaProvisioner.ClusterLabel] = cluster.Name;
        labels[VanillaProvisioner.RoleLabel] = role;
        labels[ResourceLabels.Distribution] = "Vanilla";
        return labels;
    }

    // As kind runs it: not a node (no privileges, mounts or kubelet), the API port published, Envoy's bootstrap as the command.
    internal static ContainerSpec LoadBalancerSpec(ClusterDefinition cluster, NodeDefinition node, CreateOptions options) => new()
    {
        Name = node.Name,
        Hostname = node.Name,
        Image = node.Image,
        Network = VanillaProvisioner.Network,
        Labels = Labels(cluster, "external-load-balancer", options),
        Tty = true,
        PrivateCgroupNamespace = true,
        Restart = ("on-failure", 1),
        Command = KindLoadBalancer.Command(cluster.Name, node.Name),
        Ports = Publications(cluster, node.Name),
    };

    internal static List<PortPublication> Publications(ClusterDefinition cluster, string node) => cluster.Ports
        .Where(p => p.Node == node)
        .Select(p => new PortPublication(p.ListenAddress, p.HostPort, p.ContainerPort, p.Protocol.ToLowerInvariant()))
        .ToList();

    internal static ContainerSpec NodeSpec(ClusterDefinition cluster, NodeDefinition node, bool behindLoadBalancer, CreateOptions options, HostInfo host)
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
            Network = VanillaProvisioner.Network,
            Labels = Labels(cluster, role, options),
            Privileged = true,
            SecurityOptions = ["seccomp=unconfined", "apparmor=unconfined"],
            Tty = true,
            PrivateCgroupNamespace = true,
            Restart = ("on-failure", 1),
            Mounts = mounts,
            Environment = node.Role == NodeRole.ControlPlane ? [$"KUBECONFIG={VanillaProvisioner.AdminConf}"] : [],
            Ports = ports,
        };
    }

    internal static Dictionary<string, KindNode> NodeDeclarations(ClusterDefinition cluster)
    {
        var declared = cluster.Native<KindCluster>().Nodes ?? [];
        return KindNodeNames.Of(cluster.Name, declared.Select(n => n.Role))
            .Zip(declared)
            .ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    internal static string? PropagationFor(string? kindPropagation) => kindPropagation switch
    {
        "HostToContainer" => "rslave",
        "Bidirectional" => "rshared",
        _ => null,
    };
}
