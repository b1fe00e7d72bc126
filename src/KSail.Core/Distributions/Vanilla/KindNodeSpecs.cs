using System.Text.RegularExpressions;
using KSail.Core.Configuration;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>kind's node containers: how kind runs a node and its external load balancer, with kind's names and labels.</summary>
internal static partial class KindNodeSpecs
{
    /// <summary>
    /// How long kind waits for a node to boot after <c>docker run</c> (<c>provision.go</c>
    /// <c>createContainerWithWaitUntilSystemdReachesMultiUserSystem</c>; FIDELITY K22).
    /// </summary>
    internal static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The log line that tells a node booted far enough for <c>docker exec</c>: systemd reached
    /// multi-user (cgroup v2: an exec earlier lands in the node's root cgroup, and the kubelet's
    /// cgroup set-up then refuses, kind#2409), or the node's entrypoint found cgroup v1 (kind
    /// <c>pkg/cluster/internal/providers/common/cgroups.go</c> <c>NodeReachedCgroupsReadyRegexp</c>).
    /// </summary>
    [GeneratedRegex("Reached target .*Multi-User System.*|detected cgroup v1", RegexOptions.CultureInvariant)]
    internal static partial Regex Booted();

    /// <summary>
    /// What kind passes to every container of the cluster, the load balancer included (its
    /// <c>commonArgs</c>): the client's proxy settings with <c>NO_PROXY</c> extended as kind extends
    /// it (FIDELITY K15), and <c>KIND_DNS_SEARCH</c> when kind.yaml sets <c>networking.dnsSearch</c>
    /// (FIDELITY K18).
    /// </summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="subnets">The subnets of the <c>kind</c> network (read only when a proxy is set).</param>
    /// <param name="serviceSubnet">The Service subnet.</param>
    /// <param name="podSubnet">The Pod subnet.</param>
    internal static List<string> CommonEnvironment(ClusterDefinition cluster, IReadOnlyList<string> subnets, string serviceSubnet, string podSubnet)
    {
        // kind's NO_PROXY: the network's subnets, the client's NO_PROXY, the Service and Pod subnets,
        // every node's name (declared order, the load balancer last), and the Service DNS suffixes.
        var kind = cluster.Native<KindCluster>();
        var declared = kind.Nodes is { Count: > 0 } nodes
            ? KindNodeNames.Of(cluster.Name, nodes.Select(n => n.Role))
            : cluster.Nodes.Where(n => n.Role != NodeRole.LoadBalancer).Select(n => n.Name).ToList();
        var loadBalancer = cluster.Nodes.Where(n => n.Role == NodeRole.LoadBalancer).Select(n => n.Name);
        var environment = cluster.Proxy.Variables([
            .. subnets, cluster.Proxy.NoProxy, serviceSubnet, podSubnet, .. declared, .. loadBalancer, ".svc", ".svc.cluster", ".svc.cluster.local"]).ToList();
        if (kind.Networking?.DnsSearch is { } search)
        {
            environment.Add($"KIND_DNS_SEARCH={string.Join(' ', search)}");
        }

        return environment;
    }

    internal static Dictionary<string, string> Labels(ClusterDefinition cluster, string role, CreateOptions options)
    {
        var labels = ResourceLabels.For(cluster.Name, role, options.ExtraLabels);
        labels[VanillaProvisioner.ClusterLabel] = cluster.Name;
        labels[VanillaProvisioner.RoleLabel] = role;
        labels[ResourceLabels.Distribution] = "Vanilla";
        return labels;
    }

    // As kind runs it: not a node (no privileges, mounts or kubelet), the API port published, Envoy's bootstrap as the command.
    internal static ContainerSpec LoadBalancerSpec(ClusterDefinition cluster, NodeDefinition node, CreateOptions options, IReadOnlyList<string> environment) => new()
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
        Environment = environment,
        Ports = Publications(cluster, node.Name),
    };

    internal static List<PortPublication> Publications(ClusterDefinition cluster, string node) => cluster.Ports
        .Where(p => p.Node == node)
        .Select(p => new PortPublication(p.ListenAddress, p.HostPort, p.ContainerPort, p.Protocol.ToLowerInvariant()))
        .ToList();

    internal static ContainerSpec NodeSpec(ClusterDefinition cluster, NodeDefinition node, bool behindLoadBalancer, CreateOptions options, HostInfo host, IReadOnlyList<string> environment)
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
            mounts.Add(new ContainerMount(MountKind.Bind, Path.GetFullPath(m.HostPath!), m.ContainerPath!, m.ReadOnly == true, PropagationFor(m.Propagation), SelinuxRelabel: m.SelinuxRelabel == true));
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
            Environment = [.. environment, .. node.Role == NodeRole.ControlPlane ? [$"KUBECONFIG={VanillaProvisioner.AdminConf}"] : Array.Empty<string>()],
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
