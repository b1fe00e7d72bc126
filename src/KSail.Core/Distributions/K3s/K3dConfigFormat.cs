using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Labels;
using KSail.Core.State;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// k3d.yaml (<c>k3d.io/v1alpha5</c>, kind Simple, k3d v5.9): read, checked as k3d checks it, and
/// resolved into k3d's nodes (<c>k3d-&lt;name&gt;-server-N</c>, <c>-agent-N</c>, <c>-serverlb</c>)
/// and ports (the API, and ports with their node filters).
/// </summary>
public sealed partial class K3dConfigFormat : INativeConfigFormat
{
    private const int MaxClusterNameLength = 32;

    /// <inheritdoc/>
    public string DefaultFile => "k3d.yaml";

    /// <inheritdoc/>
    public string ApiVersion => K3dSimpleConfig.ApiVersionV1Alpha5;

    /// <inheritdoc/>
    public string Kind => "Simple";

    /// <inheritdoc/>
    public string ApiVersionGroup => "k3d.io/";

    /// <inheritdoc/>
    public string ConvertHint => " with 'k3d config migrate'";

    /// <inheritdoc/>
    public string DefaultName => K3dSimpleConfig.DefaultName;

    /// <inheritdoc/>
    public BuiltInComponents BuiltIns { get; } = new(
        "flannel (built into K3s)", "local-path-provisioner (built into K3s)", "metrics-server (built into K3s)", "ServiceLB (built into K3s)");

    [GeneratedRegex(@"^(server|servers|agent|agents|loadbalancer|all)(:(\*|[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*))?(:(direct|proxy))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeFilterPattern();

    [GeneratedRegex(@"^((?<ip>[0-9]+\.[0-9.]+|\[[0-9a-fA-F:]+\]):)?((?<host>[0-9]+):)?(?<container>[0-9]+)(/(?<proto>tcp|udp|sctp|TCP|UDP|SCTP))?$", RegexOptions.CultureInvariant)]
    private static partial Regex K3dPortPattern();

    /// <inheritdoc/>
    public object Defaults() => new K3dSimpleConfig();

    /// <inheritdoc/>
    public string StateKey => "k3d";

    /// <inheritdoc/>
    public object Redacted(object model)
    {
        // A copy through JSON, so the definition in memory keeps its secrets: the cluster token, the registry proxy's password, registries.config's credentials.
        var copy = JsonSerializer.Deserialize<K3dSimpleConfig>(JsonSerializer.Serialize((K3dSimpleConfig)model, SpecJson.Options), SpecJson.Options)!;
        if (copy.Token is not null)
        {
            copy.Token = ClusterStateStore.Redacted;
        }

        if (copy.Registries?.Create?.Proxy is { Password: not null } proxy)
        {
            proxy.Password = ClusterStateStore.Redacted;
        }

        // registries.config written in k3d.yaml: the credentials of its configs (a file it names is not copied).
        if (copy.Registries is { Config: { } config } registries && K3dFiles.IsContent(config))
        {
            registries.Config = K3sRegistries.Redacted(config, ClusterStateStore.Redacted);
        }

        return copy;
    }

    /// <inheritdoc/>
    public FieldUse Fields => K3dFields.Use;

    /// <inheritdoc/>
    public string Template(string name, int workers) =>
        string.Create(CultureInfo.InvariantCulture, $"""
        apiVersion: {K3dSimpleConfig.ApiVersionV1Alpha5}
        kind: Simple
        metadata:
          name: {name}
        servers: 1
        agents: {workers}

        """);

    /// <inheritdoc/>
    public object Read(NativeYaml yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return yaml.Read<K3dSimpleConfig>();
    }

    /// <inheritdoc/>
    public (string? Name, string Path) DeclaredName(NativeConfig native)
    {
        ArgumentNullException.ThrowIfNull(native);
        return (((K3dSimpleConfig)native.Model).Metadata?.Name, "metadata.name");
    }

    /// <inheritdoc/>
    public string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > MaxClusterNameLength ? $"the cluster name '{name}' has {name.Length} characters; k3d allows at most {MaxClusterNameLength}" : null;
    }

    /// <inheritdoc/>
    public string Network(string name, NativeConfig native)
    {
        ArgumentNullException.ThrowIfNull(native);
        return ((K3dSimpleConfig)native.Model).Network ?? $"k3d-{name}";
    }

    /// <inheritdoc/>
    public void Check(NativeConfig native, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        var k3d = (K3dSimpleConfig)native.Model;
        var fallback = SourceLocation.StartOf(native.File ?? context.ConfigFile);
        SourceLocation At(string path) => native.At(path, fallback);

        if (k3d.Servers is < 1)
        {
            context.Error(At("servers"), "servers must be at least 1: a K3s cluster needs a server");
        }

        if (k3d.Agents is < 0)
        {
            context.Error(At("agents"), "agents must be 0 or more");
        }

        if (k3d.Image is "")
        {
            context.Error(At("image"), "image is empty; name a K3s image or remove the field for k3d's default");
        }

        if (k3d.KubeApi?.HostPort is { } apiPort && (!int.TryParse(apiPort, out var p) || p is < 1 or > 65535))
        {
            context.Error(At("kubeAPI.hostPort"), $"kubeAPI.hostPort is '{apiPort}'; use a port from 1 to 65535, or remove it for a free one");
        }

        if (k3d.KubeApi?.HostIp is { } apiIp && !IPAddress.TryParse(apiIp, out _))
        {
            context.Error(At("kubeAPI.hostIP"), $"kubeAPI.hostIP is '{apiIp}', which is not an IP address");
        }

        if (k3d.Options?.K3d?.Timeout is { } timeout && !GoDuration.TryParse(timeout, out _))
        {
            context.Error(At("options.k3d.timeout"), $"options.k3d.timeout is '{timeout}', which is not a duration such as 60s or 1m30s");
        }

        var ports = k3d.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].Port is not { } spec || !K3dPortPattern().IsMatch(spec))
            {
                context.Error(
                    At(ports[i].Port is null ? $"ports[{i}]" : $"ports[{i}].port"),
                    $"ports[{i}].port is '{ports[i].Port}'; write it as k3d does: [hostIP:][hostPort:]containerPort[/protocol], e.g. 8080:80");
            }

            CheckNodeFilters(ports[i].NodeFilters, $"ports[{i}]", k3d, At, context);
        }

        var overrides = k3d.Options?.K3d?.Loadbalancer?.ConfigOverrides ?? [];
        for (var i = 0; i < overrides.Count; i++)
        {
            try
            {
                K3dLoadBalancerSettings.From([overrides[i]]);
            }
            catch (FormatException ex)
            {
                context.Error(At($"options.k3d.loadbalancer.configOverrides[{i}]"), $"options.k3d.loadbalancer.configOverrides[{i}]: {ex.Message}; e.g. settings.workerConnections=2048");
            }
        }

        var volumes = k3d.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            var parts = volumes[i].Volume?.Split(':') ?? [];
            if (parts.Length is < 1 or > 3 || parts.Any(string.IsNullOrEmpty) || (parts.Length == 3 && parts[2] is not ("ro" or "rw" or "z" or "Z" or "shared" or "slave" or "private" or "rshared" or "rslave" or "rprivate")))
            {
                context.Error(At(volumes[i].Volume is null ? $"volumes[{i}]" : $"volumes[{i}].volume"), $"volumes[{i}].volume is '{volumes[i].Volume}'; write it as source:destination[:ro|rw]");
            }

            CheckNodeFilters(volumes[i].NodeFilters, $"volumes[{i}]", k3d, At, context);
        }

        var env = k3d.Env ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            if (env[i].EnvVar is not { } variable || !variable.Contains('=', StringComparison.Ordinal) || variable.StartsWith('='))
            {
                context.Error(At(env[i].EnvVar is null ? $"env[{i}]" : $"env[{i}].envVar"), $"env[{i}].envVar is '{env[i].EnvVar}'; write it as NAME=value");
            }

            CheckNodeFilters(env[i].NodeFilters, $"env[{i}]", k3d, At, context);
        }

        var args = k3d.Options?.K3s?.ExtraArgs ?? [];
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Arg is not { } arg || !arg.StartsWith('-'))
            {
                context.Error(At(args[i].Arg is null ? $"options.k3s.extraArgs[{i}]" : $"options.k3s.extraArgs[{i}].arg"), $"options.k3s.extraArgs[{i}].arg is '{args[i].Arg}'; a K3s argument starts with '-', e.g. --disable=traefik");
            }

            CheckNodeFilters(args[i].NodeFilters, $"options.k3s.extraArgs[{i}]", k3d, At, context);
        }

        CheckLabels(k3d.Options?.K3s?.NodeLabels, "options.k3s.nodeLabels", k3d, At, context);
        CheckLabels(k3d.Options?.Runtime?.Labels, "options.runtime.labels", k3d, At, context);
        CheckRuntime(k3d, At, context);
        CheckFiles(native, k3d, At, context);
        CheckRegistries(native, k3d, At, context);
        CheckHostAliases(k3d, At, context);

        // k3d refuses its DNS fix (on by default) with a file mounted over /etc/resolv.conf (pkg/client/node.go:533-540).
        if (K3dFixes.Switch(context.Environment, K3dFixes.DnsVariable) != false)
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                if (volumes[i].Volume?.Contains("/etc/resolv.conf", StringComparison.Ordinal) == true)
                {
                    context.Error(
                        At($"volumes[{i}].volume"),
                        $"volumes[{i}].volume mounts /etc/resolv.conf, which k3d's DNS fix rewrites; remove that volume, or set {K3dFixes.DnsVariable}=false in the environment to start the nodes without the fix");
                }
            }
        }

        CheckWithoutEffect(k3d, At, context);
    }

    // k3d refuses a label without node filters when the cluster has more than one node (pkg/config/transform.go:196-235).
    private static void CheckLabels(List<K3dLabel>? labels, string path, K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        var nodes = (k3d.Servers ?? 1) + (k3d.Agents ?? 0);
        for (var i = 0; i < (labels?.Count ?? 0); i++)
        {
            var label = labels![i];
            if (label.Label is not { Length: > 0 } text || text.StartsWith('='))
            {
                context.Error(at(label.Label is null ? $"{path}[{i}]" : $"{path}[{i}].label"), $"{path}[{i}].label is '{label.Label}'; write it as key=value");
            }
            else if (label.NodeFilters is not { Count: > 0 } && nodes > 1)
            {
                context.Error(at($"{path}[{i}]"), $"{path}[{i}] ('{text}') has no nodeFilters, but the cluster has {nodes} nodes; add nodeFilters such as server:* or agent:0, as k3d requires");
            }

            CheckNodeFilters(label.NodeFilters, $"{path}[{i}]", k3d, at, context);
        }
    }

    // As k3d: runtime label keys k3d and k3s use are reserved (cmd/util/runtimeLabels.go), ulimits are the ones Docker knows (runtimeUlimits.go).
    private static readonly string[] UlimitNames = ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];

    private static void CheckRuntime(K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        var labels = k3d.Options?.Runtime?.Labels ?? [];
        for (var i = 0; i < labels.Count; i++)
        {
            var key = K3dFiles.SplitLabel(labels[i].Label ?? string.Empty).Key;
            if (key.StartsWith("k3s.", StringComparison.Ordinal) || key.StartsWith("k3d.", StringComparison.Ordinal) || key == "app")
            {
                context.Error(at($"options.runtime.labels[{i}].label"), $"options.runtime.labels[{i}]: the label '{key}' is reserved for k3d's own use (k3d.*, k3s.*, app); choose another key");
            }
            else if (key is ResourceLabels.ManagedBy or ResourceLabels.Cluster or ResourceLabels.Role or ResourceLabels.Distribution)
            {
                // KSail.NET finds and removes a cluster's containers by these.
                context.Error(at($"options.runtime.labels[{i}].label"), $"options.runtime.labels[{i}]: the label '{key}' is reserved for KSail.NET's own use; choose another key");
            }
        }

        var ulimits = k3d.Options?.Runtime?.Ulimits ?? [];
        for (var i = 0; i < ulimits.Count; i++)
        {
            if (ulimits[i].Name is not { } ulimit || !UlimitNames.Contains(ulimit, StringComparer.Ordinal))
            {
                context.Error(at(ulimits[i].Name is null ? $"options.runtime.ulimits[{i}]" : $"options.runtime.ulimits[{i}].name"), $"options.runtime.ulimits[{i}].name is '{ulimits[i].Name}'; use one of {string.Join(", ", UlimitNames)}");
            }
        }
    }

    // As k3d validates them (pkg/config/validate.go:80-100): an IP address and host names.
    private static void CheckHostAliases(K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        var aliases = k3d.HostAliases ?? [];
        for (var i = 0; i < aliases.Count; i++)
        {
            if (!IPAddress.TryParse(aliases[i].Ip, out _))
            {
                context.Error(at(aliases[i].Ip is null ? $"hostAliases[{i}]" : $"hostAliases[{i}].ip"), $"hostAliases[{i}].ip is '{aliases[i].Ip}', which is not an IP address");
            }

            var names = aliases[i].Hostnames ?? [];
            for (var j = 0; j < names.Count; j++)
            {
                if (Uri.CheckHostName(names[j]) != UriHostNameType.Dns)
                {
                    context.Error(at($"hostAliases[{i}].hostnames[{j}]"), $"hostAliases[{i}].hostnames[{j}] is '{names[j]}', which is not a host name");
                }
            }
        }
    }

    // FIDELITY D14: registries.config is what every node's registries.yaml is made from; registries.create's port.
    private static void CheckRegistries(NativeConfig native, K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        if (k3d.Registries?.Config is { Length: > 0 } config)
        {
            var text = config;
            var path = K3dFiles.SourcePath(native.File ?? context.ConfigFile, config);
            if (!K3dFiles.IsContent(config) && !File.Exists(path))
            {
                context.Error(at("registries.config"), $"registries.config names {path}, which does not exist; the path is relative to the k3d config, or write the registries.yaml content as a block (config: |)");
                return;
            }

            try
            {
                _ = K3sRegistries.Parse(K3dFiles.IsContent(config) ? text : File.ReadAllText(path));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                context.Error(at("registries.config"), $"registries.config: {ex.Message}");
            }
        }

        if (k3d.Registries?.Create?.HostPort is { Length: > 0 } port && port != "random"
            && !(int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535))
        {
            context.Error(at("registries.create.hostPort"), $"registries.create.hostPort is '{port}'; use a port from 1 to 65535, or random");
        }
    }

    private static void CheckFiles(NativeConfig native, K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        var files = k3d.Files ?? [];
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Source is not { Length: > 0 } source)
            {
                context.Error(at($"files[{i}]"), $"files[{i}] has no source; give a path relative to the k3d config, or the content as a block (source: |)");
            }
            else if (!K3dFiles.IsContent(source) && !File.Exists(K3dFiles.SourcePath(native.File ?? context.ConfigFile, source)))
            {
                context.Error(at($"files[{i}].source"), $"files[{i}].source names {K3dFiles.SourcePath(native.File ?? context.ConfigFile, source)}, which does not exist; the path is relative to the k3d config, or write the content as a block (source: |)");
            }

            if (file.Destination is not { Length: > 0 } destination || K3dFiles.Destination(destination) is null)
            {
                context.Error(
                    at(file.Destination is null ? $"files[{i}]" : $"files[{i}].destination"),
                    $"files[{i}].destination is '{file.Destination}'; use an absolute path or one of k3d's shortcuts (k3s-manifests, k3s-manifests-custom, k3s-storage, k3s-containerd, k3s-containerd-tmpl, k3s-registry-config)");
            }

            CheckNodeFilters(file.NodeFilters, $"files[{i}]", k3d, at, context);
        }
    }

    // hostAliases apply to the nodes only: warned about for what k3d does beyond (the table, K3dFields, warns about what has no effect).
    private static void CheckWithoutEffect(K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        if (k3d.HostAliases is { Count: > 0 })
        {
            context.Warning(
                at("hostAliases"),
                "hostAliases are written to the nodes' /etc/hosts (so the nodes and their image pulls resolve them), but not into CoreDNS's NodeHosts as k3d does, so pods do not resolve them (FIDELITY D13)");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<NodeDefinition> Nodes(string name, NativeConfig native, ClusterSpec? cluster, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        var k3d = (K3dSimpleConfig)native.Model;
        var servers = k3d.Servers ?? cluster?.ControlPlanes ?? 1;
        var agents = k3d.Agents ?? cluster?.Workers ?? 0;
        if (k3d.Servers is not null)
        {
            context.CheckCount(cluster?.ControlPlanes, servers, "spec.cluster.controlPlanes", "servers", native, "servers");
        }

        if (k3d.Agents is not null)
        {
            context.CheckCount(cluster?.Workers, agents, "spec.cluster.workers", "agents", native, "agents");
        }

        var image = k3d.Image ?? K3dSimpleConfig.DefaultImage;
        var result = new List<NodeDefinition>();
        for (var i = 0; i < Math.Max(servers, 0); i++)
        {
            result.Add(new NodeDefinition($"k3d-{name}-server-{i}", NodeRole.ControlPlane, image));
        }

        for (var i = 0; i < Math.Max(agents, 0); i++)
        {
            result.Add(new NodeDefinition($"k3d-{name}-agent-{i}", NodeRole.Worker, image));
        }

        if (k3d.Options?.K3d?.DisableLoadbalancer != true)
        {
            result.Add(new NodeDefinition($"k3d-{name}-serverlb", NodeRole.LoadBalancer, LoadBalancerImage(context)));
        }

        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyList<PublishedPort> Ports(string name, NativeConfig native, IReadOnlyList<NodeDefinition> nodes)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(nodes);
        var k3d = (K3dSimpleConfig)native.Model;
        // With k3d's load balancer the API goes through it to every server; without it, server-0 publishes it.
        var lb = nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer);
        var servers = nodes.Where(n => n.Role == NodeRole.ControlPlane).Select(n => n.Name).ToList();
        _ = int.TryParse(k3d.KubeApi?.HostPort, out var apiPort);
        var ports = new List<PublishedPort>
        {
            new(lb?.Name ?? $"k3d-{name}-server-0", k3d.KubeApi?.HostIp ?? "0.0.0.0", apiPort, 6443, "TCP", "Kubernetes API", native.Locations.GetValueOrDefault("kubeAPI.hostPort"))
            {
                ProxiedTo = lb is null ? [] : servers,
            },
        };

        var declared = k3d.Ports ?? [];
        for (var i = 0; i < declared.Count; i++)
        {
            var port = declared[i];
            var match = K3dPortPattern().Match(port.Port ?? string.Empty);
            if (!match.Success)
            {
                continue; // reported by CheckK3d
            }

            var host = match.Groups["host"].Success ? int.Parse(match.Groups["host"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var container = int.Parse(match.Groups["container"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var protocol = match.Groups["proto"].Success ? match.Groups["proto"].Value.ToUpperInvariant() : "TCP";
            var address = match.Groups["ip"].Success ? match.Groups["ip"].Value.Trim('[', ']') : "0.0.0.0";
            var at = native.Locations.GetValueOrDefault($"ports[{i}].port");
            PublishedPort On(string node) => new(node, address, host, container, protocol, "ports", at);

            if (lb is null)
            {
                // k3d refuses proxied ports without its load balancer; here every selected node publishes the port itself.
                foreach (var target in K3dNodeFilters.Select(port.NodeFilters is { Count: > 0 } given ? given : ["server:0"], name, nodes))
                {
                    ports.Add(On(target));
                }

                continue;
            }

            // k3d: no filter, or a `loadbalancer` one, means every server and agent behind the load balancer;
            // other filters go through it too, unless they end in :direct (the node publishes the port itself).
            var filters = port.NodeFilters is { Count: > 0 } f && !f.Any(x => x.StartsWith("loadbalancer", StringComparison.Ordinal))
                ? f
                : ["servers:*:proxy", "agents:*:proxy"];
            var direct = filters.Where(x => K3dNodeFilters.Suffix(x) == K3dNodeFilters.Direct).ToList();
            foreach (var target in K3dNodeFilters.Select(direct, name, nodes))
            {
                ports.Add(On(target));
            }

            var behind = K3dNodeFilters.Select(filters.Except(direct).ToList(), name, nodes).Where(n => n != lb.Name).Distinct(StringComparer.Ordinal).ToList();
            if (behind.Count > 0)
            {
                ports.Add(On(lb.Name) with { ProxiedTo = behind });
            }
        }

        return ports;
    }

    /// <inheritdoc/>
    public void CheckCni(Cni cni, NativeConfig native, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        // Default with flannel off is a cluster without a CNI: the user installs their own after create, as with k3d.
        var flannelOff = CniDisabledBy(native.Model) is not null;
        if (cni != Cni.Default && !flannelOff)
        {
            context.Error(
                context.At("spec.cluster.cni"),
                $"spec.cluster.cni is {cni}, but K3s keeps flannel, and two CNIs would fight; add '--flannel-backend=none' (and '--disable-network-policy') to options.k3s.extraArgs for servers in k3d.yaml");
        }
    }

    /// <inheritdoc/>
    public string? CniDisabledBy(object model) =>
        (((K3dSimpleConfig)model).Options?.K3s?.ExtraArgs ?? []).Any(a => a.Arg is "--flannel-backend=none" or "--flannel-backend none")
            ? "--flannel-backend=none"
            : null;

    private static void CheckNodeFilters(List<string>? filters, string path, K3dSimpleConfig k3d, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        if (filters is null)
        {
            return;
        }

        for (var i = 0; i < filters.Count; i++)
        {
            var filter = filters[i];
            var match = NodeFilterPattern().Match(filter);
            var filterPath = $"{path}.nodeFilters[{i}]";
            if (!match.Success)
            {
                context.Error(at(filterPath), $"{filterPath} is '{filter}'; use a k3d node filter such as server:0, agent:*, loadbalancer or all");
                continue;
            }

            var group = match.Groups[1].Value.TrimEnd('s');
            var index = match.Groups[3].Value;
            if (index.Length == 0 || index == "*" || group is "loadbalancer" or "all")
            {
                continue;
            }

            var count = group == "server" ? k3d.Servers ?? 1 : k3d.Agents ?? 0;
            var highest = index.Split(',', '-').Select(int.Parse).Max();
            if (highest >= count)
            {
                context.Error(at(filterPath), $"{filterPath} is '{filter}', but the cluster has {count} {group}{(count == 1 ? string.Empty : "s")} (numbered from 0)");
            }
        }
    }

    // As k3d picks it: K3D_IMAGE_LOADBALANCER, else its proxy image at K3D_HELPER_IMAGE_TAG or k3d's version.
    private static string LoadBalancerImage(NativeConfigContext context) =>
        context.Environment.GetValueOrDefault(K3dSimpleConfig.LoadBalancerImageVariable) is { Length: > 0 } image ? image
        : context.Environment.GetValueOrDefault(K3dSimpleConfig.HelperImageTagVariable) is { Length: > 0 } tag ? $"{K3dSimpleConfig.LoadBalancerImageRepository}:{tag}"
        : K3dSimpleConfig.DefaultLoadBalancerImage;
}
