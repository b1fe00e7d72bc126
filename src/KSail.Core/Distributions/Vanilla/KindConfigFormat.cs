using System.Net;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// kind.yaml (<c>kind.x-k8s.io/v1alpha4</c>, kind v0.32): read, checked as kind checks it, and
/// resolved into kind's nodes (named by <see cref="KindNodeNames"/>, with the external load balancer
/// in front of several control planes) and ports (the API, and each node's extraPortMappings).
/// </summary>
public sealed class KindConfigFormat : INativeConfigFormat
{
    private const int MaxHostNameLength = 63;

    /// <inheritdoc/>
    public string DefaultFile => "kind.yaml";

    /// <inheritdoc/>
    public string ApiVersion => KindCluster.ApiVersionV1Alpha4;

    /// <inheritdoc/>
    public string Kind => "Cluster";

    /// <inheritdoc/>
    public string ApiVersionGroup => "kind.x-k8s.io/";

    /// <inheritdoc/>
    public string ConvertHint => " by hand, see kind's release notes";

    /// <inheritdoc/>
    public string DefaultName => KindCluster.DefaultName;

    /// <inheritdoc/>
    public BuiltInComponents BuiltIns { get; } = new(
        "kindnetd (kind's default CNI)", "local-path-provisioner (kind's default storage)", "none (kind ships none)", "none (kind ships none)");

    /// <inheritdoc/>
    public object Defaults() => new KindCluster();

    /// <inheritdoc/>
    public string StateKey => "kind";

    /// <inheritdoc/>
    public object Redacted(object model) => model; // kind.yaml holds no secrets

    /// <inheritdoc/>
    public FieldUse Fields => KindFields.Use;

    /// <inheritdoc/>
    public string Template(string name, int workers) =>
        $"""
        kind: Cluster
        apiVersion: {KindCluster.ApiVersionV1Alpha4}
        name: {name}
        nodes:
          - role: control-plane

        """ + string.Concat(Enumerable.Repeat("  - role: worker\n", workers));

    /// <inheritdoc/>
    public object Read(NativeYaml yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return yaml.Read<KindCluster>();
    }

    /// <inheritdoc/>
    public (string? Name, string Path) DeclaredName(NativeConfig native)
    {
        ArgumentNullException.ThrowIfNull(native);
        return (((KindCluster)native.Model).Name, "name");
    }

    /// <inheritdoc/>
    public string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        const string longestKindSuffix = KindNodeNames.LoadBalancerSuffix;
        return name.Length + longestKindSuffix.Length > MaxHostNameLength
            ? $"the cluster name '{name}' is too long: node names such as '{name}{longestKindSuffix}' must fit the {MaxHostNameLength} characters of a host name (use at most {MaxHostNameLength - longestKindSuffix.Length})"
            : null;
    }

    /// <inheritdoc/>
    public string Network(string name, NativeConfig native) => VanillaProvisioner.Network;

    /// <inheritdoc/>
    public void Check(NativeConfig native, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        var kind = (KindCluster)native.Model;
        var fallback = SourceLocation.StartOf(native.File ?? context.ConfigFile);
        SourceLocation At(string path) => native.At(path, fallback);

        var nodes = kind.Nodes ?? [];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Role is not (null or "control-plane" or "worker"))
            {
                context.Error(At($"nodes[{i}].role"), $"nodes[{i}].role is '{node.Role}'; a kind node is 'control-plane' or 'worker'");
            }

            if (node.Image is "")
            {
                context.Error(At($"nodes[{i}].image"), $"nodes[{i}].image is empty; name a node image or remove the field for kind's default");
            }

            var mappings = node.ExtraPortMappings ?? [];
            for (var j = 0; j < mappings.Count; j++)
            {
                var path = $"nodes[{i}].extraPortMappings[{j}]";
                var mapping = mappings[j];
                if (mapping.ContainerPort is not (>= 1 and <= 65535))
                {
                    context.Error(At(mapping.ContainerPort is null ? path : $"{path}.containerPort"), $"{path}.containerPort must be a port from 1 to 65535");
                }

                if (mapping.HostPort is < -1 or > 65535)
                {
                    context.Error(At($"{path}.hostPort"), $"{path}.hostPort must be a port from 0 (a free port, picked at create and kept) to 65535, or -1 (Docker picks one at each start), as in kind");
                }

                if (mapping.Protocol is { } protocol && !protocol.ToUpperInvariant().Equals("TCP", StringComparison.Ordinal)
                    && !protocol.ToUpperInvariant().Equals("UDP", StringComparison.Ordinal) && !protocol.ToUpperInvariant().Equals("SCTP", StringComparison.Ordinal))
                {
                    context.Error(At($"{path}.protocol"), $"{path}.protocol is '{protocol}'; use TCP, UDP or SCTP");
                }

                if (mapping.ListenAddress is { } address && !IPAddress.TryParse(address, out _))
                {
                    context.Error(At($"{path}.listenAddress"), $"{path}.listenAddress is '{address}', which is not an IP address");
                }
            }

            var mounts = node.ExtraMounts ?? [];
            for (var j = 0; j < mounts.Count; j++)
            {
                var path = $"nodes[{i}].extraMounts[{j}]";
                if (string.IsNullOrEmpty(mounts[j].HostPath) || string.IsNullOrEmpty(mounts[j].ContainerPath))
                {
                    context.Error(At(path), $"{path} needs both hostPath and containerPath");
                }

                // kind maps any other value to its default, private propagation, without a word.
                if (mounts[j].Propagation is { } propagation && propagation is not ("None" or "HostToContainer" or "Bidirectional"))
                {
                    context.Warning(At($"{path}.propagation"), $"{path}.propagation is '{propagation}', which kind treats as None (private); use None, HostToContainer or Bidirectional");
                }
            }
        }

        if (nodes.Count > 0 && !nodes.Exists(n => n.Role is null or "control-plane"))
        {
            context.Error(At("nodes"), "nodes has no control-plane node; a kind cluster needs at least one 'role: control-plane'");
        }

        // FIDELITY K41: what create writes into each node's containerd config must read.
        foreach (var (patches, field, json6902) in new[] { (kind.ContainerdConfigPatches, "containerdConfigPatches", false), (kind.ContainerdConfigPatchesJson6902, "containerdConfigPatchesJSON6902", true) })
        {
            for (var i = 0; i < (patches?.Count ?? 0); i++)
            {
                var path = $"{field}[{i}]";
                if (ContainerdConfig.Problem(patches![i], json6902) is { } problem)
                {
                    context.Error(At(path), $"{path}: {problem}");
                }
            }
        }

        var net = kind.Networking;
        if (net is null)
        {
            return;
        }

        if (net.IpFamily is { } family && family is not ("ipv4" or "ipv6" or "dual"))
        {
            context.Error(At("networking.ipFamily"), $"networking.ipFamily is '{family}'; use ipv4, ipv6 or dual");
        }
        else if (net.IpFamily is "ipv6" or "dual")
        {
            // FIDELITY K19: kind's IPv6 needs an IPv6 kind network, IPv6 node addresses and IPv6 kubeadm defaults; none is built yet.
            context.Error(
                At("networking.ipFamily"),
                $"networking.ipFamily is '{net.IpFamily}', but KSail.NET creates IPv4 Vanilla clusters only (kind's {net.IpFamily} cluster needs an IPv6 network, IPv6 node addresses and IPv6 kubeadm settings, which it does not set up yet); remove networking.ipFamily or set it to ipv4, or create this cluster with kind");
        }

        if (net.KubeProxyMode is { } mode && mode is not ("iptables" or "ipvs" or "nftables" or "none"))
        {
            context.Error(At("networking.kubeProxyMode"), $"networking.kubeProxyMode is '{mode}'; use iptables, ipvs, nftables or none");
        }

        CheckCidrs(net.PodSubnet, "networking.podSubnet", At, context);
        CheckCidrs(net.ServiceSubnet, "networking.serviceSubnet", At, context);
        if (net.ApiServerPort is < -1 or > 65535)
        {
            context.Error(At("networking.apiServerPort"), "networking.apiServerPort must be a port from 0 (a free port, picked at create and kept) to 65535, or -1 (Docker picks one at each start), as in kind");
        }

        if (net.ApiServerAddress is { } apiAddress && !IPAddress.TryParse(apiAddress, out _))
        {
            context.Error(At("networking.apiServerAddress"), $"networking.apiServerAddress is '{apiAddress}', which is not an IP address");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<NodeDefinition> Nodes(string name, NativeConfig native, ClusterSpec? cluster, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        var kind = (KindCluster)native.Model;
        List<(string Role, string Image)> declared;
        if (kind.Nodes is { Count: > 0 } nodes)
        {
            declared = nodes.Select(n => (n.Role ?? "control-plane", n.Image ?? KindCluster.DefaultImage)).ToList();
            context.CheckCount(cluster?.ControlPlanes, declared.Count(n => n.Role == "control-plane"), "spec.cluster.controlPlanes", "control-plane nodes", native, "nodes");
            context.CheckCount(cluster?.Workers, declared.Count(n => n.Role == "worker"), "spec.cluster.workers", "worker nodes", native, "nodes");
        }
        else
        {
            declared = Enumerable.Repeat(("control-plane", KindCluster.DefaultImage), Math.Max(cluster?.ControlPlanes ?? 1, 1))
                .Concat(Enumerable.Repeat(("worker", KindCluster.DefaultImage), Math.Max(cluster?.Workers ?? 0, 0)))
                .ToList();
        }

        // kind's names: <name>-control-plane, <name>-control-plane2, ..., <name>-worker, <name>-worker2, ...
        var result = new List<NodeDefinition>();
        foreach (var role in new[] { "control-plane", "worker" })
        {
            var index = 0;
            foreach (var node in declared.Where(n => n.Role == role))
            {
                index++;
                result.Add(new NodeDefinition(
                    KindNodeNames.Node(name, role, index),
                    role == "worker" ? NodeRole.Worker : NodeRole.ControlPlane,
                    node.Image));
            }
        }

        if (result.Count(n => n.Role == NodeRole.ControlPlane) > 1)
        {
            result.Insert(0, new NodeDefinition(KindNodeNames.LoadBalancer(name), NodeRole.LoadBalancer, LoadBalancerImage(context)));
        }

        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyList<PublishedPort> Ports(string name, NativeConfig native, IReadOnlyList<NodeDefinition> nodes)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(nodes);
        var kind = (KindCluster)native.Model;
        var ports = new List<PublishedPort>();
        if (nodes.Count == 0)
        {
            return ports; // no valid node: already reported
        }

        var apiNode = nodes[0].Name; // the load balancer when there is one, else the only control plane
        ports.Add(new(apiNode, kind.Networking?.ApiServerAddress ?? "127.0.0.1", kind.Networking?.ApiServerPort ?? 0, 6443, "TCP", "Kubernetes API", native.Locations.GetValueOrDefault("networking.apiServerPort")));

        var declared = kind.Nodes ?? [];
        var names = KindNodeNames.Of(name, declared.Select(n => n.Role));
        for (var i = 0; i < declared.Count; i++)
        {
            var node = declared[i];
            var nodeName = names[i];
            var mappings = node.ExtraPortMappings ?? [];
            for (var j = 0; j < mappings.Count; j++)
            {
                var m = mappings[j];
                var at = native.Locations.GetValueOrDefault($"nodes[{i}].extraPortMappings[{j}].hostPort") ?? native.Locations.GetValueOrDefault($"nodes[{i}].extraPortMappings[{j}]");
                ports.Add(new PublishedPort(nodeName, m.ListenAddress ?? "0.0.0.0", m.HostPort ?? 0, m.ContainerPort ?? 0, (m.Protocol ?? "TCP").ToUpperInvariant(), "extraPortMappings", at));
            }
        }

        return ports;
    }

    /// <inheritdoc/>
    public void CheckCni(Cni cni, NativeConfig native, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        // Default with kind's CNI disabled is a cluster without one: the user installs their own after create, as with kind.
        var disabled = CniDisabledBy(native.Model) is not null;
        if (cni != Cni.Default && !disabled)
        {
            context.Error(
                context.At("spec.cluster.cni"),
                $"spec.cluster.cni is {cni}, but kind.yaml keeps kind's default CNI, and two CNIs would fight; set networking.disableDefaultCNI: true in kind.yaml");
        }
    }

    /// <inheritdoc/>
    public string? CniDisabledBy(object model) =>
        ((KindCluster)model).Networking?.DisableDefaultCni == true ? "networking.disableDefaultCNI: true" : null;

    private static void CheckCidrs(string? value, string path, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        if (value is null)
        {
            return;
        }

        // kind takes one CIDR, or an IPv4 and an IPv6 CIDR separated by a comma for dual stack.
        foreach (var cidr in value.Split(','))
        {
            if (!IPNetwork.TryParse(cidr.Trim(), out _))
            {
                context.Error(at(path), $"{path} is '{value}'; '{cidr.Trim()}' is not a CIDR such as 10.244.0.0/16");
            }
        }
    }

    // kind pins its load balancer image; KSAIL_KIND_LOADBALANCER_IMAGE names another.
    private static string LoadBalancerImage(NativeConfigContext context) =>
        context.Environment.GetValueOrDefault(KindCluster.LoadBalancerImageVariable) is { Length: > 0 } image ? image : KindCluster.DefaultLoadBalancerImage;
}
