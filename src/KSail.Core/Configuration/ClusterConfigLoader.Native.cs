using System.Net;
using System.Text.RegularExpressions;
using KSail.Core.Configuration.K3d;
using KSail.Core.Configuration.Kind;
using KSail.Core.Configuration.Model;
using KSail.Core.Configuration.Yaml;

namespace KSail.Core.Configuration;

/// <content>Loading and checking the native distribution configs (kind.yaml, k3d.yaml).</content>
public static partial class ClusterConfigLoader
{
    private const string DefaultKindConfig = "kind.yaml";
    private const string DefaultK3dConfig = "k3d.yaml";

    /// <summary>A native config as read, with where its values are.</summary>
    private sealed record NativeConfig(object Model, string? File, Dictionary<string, SourceLocation> Locations)
    {
        public SourceLocation At(string path, SourceLocation fallback) =>
            Locations.TryGetValue(path, out var location) ? location : File is null ? fallback : SourceLocation.StartOf(File);
    }

    [GeneratedRegex(@"^(server|servers|agent|agents|loadbalancer|all)(:(\*|[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*))?(:(direct|proxy))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeFilterPattern();

    [GeneratedRegex(@"^((?<ip>[0-9]+\.[0-9.]+|\[[0-9a-fA-F:]+\]):)?((?<host>[0-9]+):)?(?<container>[0-9]+)(/(?<proto>tcp|udp|sctp|TCP|UDP|SCTP))?$", RegexOptions.CultureInvariant)]
    private static partial Regex K3dPortPattern();

    private sealed partial class DeclarationLoad
    {
        private NativeConfig? LoadKind(ClusterSpec? cluster) =>
            LoadNative<KindCluster>(cluster, DefaultKindConfig, KindCluster.ApiVersionV1Alpha4, "Cluster", CheckKind);

        private NativeConfig? LoadK3d(ClusterSpec? cluster) =>
            LoadNative<K3dSimpleConfig>(cluster, DefaultK3dConfig, K3dSimpleConfig.ApiVersionV1Alpha5, "Simple", CheckK3d);

        private NativeConfig? LoadNative<T>(
            ClusterSpec? cluster,
            string defaultFile,
            string apiVersion,
            string kind,
            Action<T, NativeConfig> check)
            where T : class, new()
        {
            var given = cluster?.DistributionConfig;
            var path = FullPath(given ?? defaultFile);
            if (!File.Exists(path))
            {
                if (given is null)
                {
                    // As kind and k3d do without --config: the distribution's defaults.
                    return new NativeConfig(new T(), null, new(StringComparer.Ordinal));
                }

                var what = Directory.Exists(path) ? "is a directory, not a file" : "does not exist";
                diagnostics.Error(
                    At("spec.cluster.distributionConfig"),
                    $"spec.cluster.distributionConfig points at {path}, which {what}; create it, fix the path, or remove the field to use {defaultFile} or the distribution's defaults");
                return null;
            }

            var root = YamlModelReader.Parse(path, File.ReadAllText(path), diagnostics);
            if (root is null)
            {
                return null;
            }

            var reader = new YamlModelReader(path, diagnostics);
            var header = reader.Read<NativeHeader>(new YamlDotNet.RepresentationModel.YamlMappingNode(
                root.Children.Where(kv => kv.Key is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "apiVersion" or "kind" })));
            if (!CheckNativeHeader(header, reader.Locations, path, apiVersion, kind))
            {
                return null;
            }

            reader = new YamlModelReader(path, diagnostics);
            var model = reader.Read<T>(root);
            var native = new NativeConfig(model, path, reader.Locations);
            check(model, native);
            return native;
        }

        private bool CheckNativeHeader(NativeHeader header, Dictionary<string, SourceLocation> where, string file, string apiVersion, string kind)
        {
            var distribution = apiVersion == KindCluster.ApiVersionV1Alpha4 ? "Vanilla" : "K3s";
            var tool = apiVersion == KindCluster.ApiVersionV1Alpha4 ? "kind" : "k3d";
            var at = where.GetValueOrDefault("apiVersion") ?? SourceLocation.StartOf(file);
            var actual = header.ApiVersion;
            if (actual is null)
            {
                diagnostics.Error(SourceLocation.StartOf(file), $"apiVersion is missing; the {distribution} distribution needs a {tool} config with 'apiVersion: {apiVersion}'");
                return false;
            }

            if (actual == apiVersion)
            {
                if (header.Kind != kind)
                {
                    diagnostics.Error(
                        where.GetValueOrDefault("kind") ?? SourceLocation.StartOf(file),
                        $"kind is '{header.Kind}', but a {tool} config with {apiVersion} must be 'kind: {kind}'");
                    return false;
                }

                return true;
            }

            (string? Tool, string? Distribution) other = actual.StartsWith("kind.x-k8s.io/", StringComparison.Ordinal) ? ((string?)"kind", (string?)"Vanilla")
                : actual.StartsWith("k3d.io/", StringComparison.Ordinal) ? ((string?)"k3d", (string?)"K3s")
                : actual == ApiVersion ? ((string?)"KSail", (string?)null)
                : ((string?)null, (string?)null);
            var message = other switch
            {
                (var t, _) when t == tool =>
                    $"apiVersion is '{actual}', an older {tool} config version; KSail.NET reads {apiVersion} (convert it{(tool == "k3d" ? " with 'k3d config migrate'" : " by hand, see kind's release notes")})",
                ("KSail", _) => $"this is a ksail.yaml, not a {tool} config; point spec.cluster.distributionConfig at a {tool} config ({apiVersion})",
                (var t, var d) when t is not null =>
                    $"this is a {t} config ({actual}), but the distribution is {distribution}, which needs a {tool} config ({apiVersion}); set spec.cluster.distribution to {d}, or point spec.cluster.distributionConfig at a {tool} config",
                _ => $"apiVersion is '{actual}', but the {distribution} distribution needs a {tool} config with apiVersion {apiVersion}",
            };
            diagnostics.Error(at, message);
            return false;
        }

        private void CheckKind(KindCluster kind, NativeConfig native)
        {
            var fallback = SourceLocation.StartOf(native.File!);
            SourceLocation At(string path) => native.At(path, fallback);

            var nodes = kind.Nodes ?? [];
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                if (node.Role is not (null or "control-plane" or "worker"))
                {
                    diagnostics.Error(At($"nodes[{i}].role"), $"nodes[{i}].role is '{node.Role}'; a kind node is 'control-plane' or 'worker'");
                }

                if (node.Image is "")
                {
                    diagnostics.Error(At($"nodes[{i}].image"), $"nodes[{i}].image is empty; name a node image or remove the field for kind's default");
                }

                var mappings = node.ExtraPortMappings ?? [];
                for (var j = 0; j < mappings.Count; j++)
                {
                    var path = $"nodes[{i}].extraPortMappings[{j}]";
                    var mapping = mappings[j];
                    if (mapping.ContainerPort is not (>= 1 and <= 65535))
                    {
                        diagnostics.Error(At(mapping.ContainerPort is null ? path : $"{path}.containerPort"), $"{path}.containerPort must be a port from 1 to 65535");
                    }

                    if (mapping.HostPort is < 0 or > 65535)
                    {
                        diagnostics.Error(At($"{path}.hostPort"), $"{path}.hostPort must be a port from 0 (any free port) to 65535");
                    }

                    if (mapping.Protocol is { } protocol && !protocol.ToUpperInvariant().Equals("TCP", StringComparison.Ordinal)
                        && !protocol.ToUpperInvariant().Equals("UDP", StringComparison.Ordinal) && !protocol.ToUpperInvariant().Equals("SCTP", StringComparison.Ordinal))
                    {
                        diagnostics.Error(At($"{path}.protocol"), $"{path}.protocol is '{protocol}'; use TCP, UDP or SCTP");
                    }

                    if (mapping.ListenAddress is { } address && !IPAddress.TryParse(address, out _))
                    {
                        diagnostics.Error(At($"{path}.listenAddress"), $"{path}.listenAddress is '{address}', which is not an IP address");
                    }
                }

                var mounts = node.ExtraMounts ?? [];
                for (var j = 0; j < mounts.Count; j++)
                {
                    var path = $"nodes[{i}].extraMounts[{j}]";
                    if (string.IsNullOrEmpty(mounts[j].HostPath) || string.IsNullOrEmpty(mounts[j].ContainerPath))
                    {
                        diagnostics.Error(At(path), $"{path} needs both hostPath and containerPath");
                    }
                }
            }

            if (nodes.Count > 0 && !nodes.Exists(n => n.Role is null or "control-plane"))
            {
                diagnostics.Error(At("nodes"), "nodes has no control-plane node; a kind cluster needs at least one 'role: control-plane'");
            }

            var net = kind.Networking;
            if (net is null)
            {
                return;
            }

            if (net.IpFamily is { } family && family is not ("ipv4" or "ipv6" or "dual"))
            {
                diagnostics.Error(At("networking.ipFamily"), $"networking.ipFamily is '{family}'; use ipv4, ipv6 or dual");
            }

            if (net.KubeProxyMode is { } mode && mode is not ("iptables" or "ipvs" or "nftables" or "none"))
            {
                diagnostics.Error(At("networking.kubeProxyMode"), $"networking.kubeProxyMode is '{mode}'; use iptables, ipvs, nftables or none");
            }

            CheckCidrs(net.PodSubnet, "networking.podSubnet", At);
            CheckCidrs(net.ServiceSubnet, "networking.serviceSubnet", At);
            if (net.ApiServerPort is < 0 or > 65535)
            {
                diagnostics.Error(At("networking.apiServerPort"), "networking.apiServerPort must be a port from 0 (any free port) to 65535");
            }

            if (net.ApiServerAddress is { } apiAddress && !IPAddress.TryParse(apiAddress, out _))
            {
                diagnostics.Error(At("networking.apiServerAddress"), $"networking.apiServerAddress is '{apiAddress}', which is not an IP address");
            }
        }

        private void CheckCidrs(string? value, string path, Func<string, SourceLocation> at)
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
                    diagnostics.Error(at(path), $"{path} is '{value}'; '{cidr.Trim()}' is not a CIDR such as 10.244.0.0/16");
                }
            }
        }

        private void CheckK3d(K3dSimpleConfig k3d, NativeConfig native)
        {
            var fallback = SourceLocation.StartOf(native.File!);
            SourceLocation At(string path) => native.At(path, fallback);

            if (k3d.Servers is < 1)
            {
                diagnostics.Error(At("servers"), "servers must be at least 1: a K3s cluster needs a server");
            }

            if (k3d.Agents is < 0)
            {
                diagnostics.Error(At("agents"), "agents must be 0 or more");
            }

            if (k3d.Image is "")
            {
                diagnostics.Error(At("image"), "image is empty; name a K3s image or remove the field for k3d's default");
            }

            if (k3d.KubeApi?.HostPort is { } apiPort && (!int.TryParse(apiPort, out var p) || p is < 1 or > 65535))
            {
                diagnostics.Error(At("kubeAPI.hostPort"), $"kubeAPI.hostPort is '{apiPort}'; use a port from 1 to 65535, or remove it for a free one");
            }

            if (k3d.KubeApi?.HostIp is { } apiIp && !IPAddress.TryParse(apiIp, out _))
            {
                diagnostics.Error(At("kubeAPI.hostIP"), $"kubeAPI.hostIP is '{apiIp}', which is not an IP address");
            }

            if (k3d.Options?.K3d?.Timeout is { } timeout && !GoDuration.TryParse(timeout, out _))
            {
                diagnostics.Error(At("options.k3d.timeout"), $"options.k3d.timeout is '{timeout}', which is not a duration such as 60s or 1m30s");
            }

            var ports = k3d.Ports ?? [];
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i].Port is not { } spec || !K3dPortPattern().IsMatch(spec))
                {
                    diagnostics.Error(
                        At(ports[i].Port is null ? $"ports[{i}]" : $"ports[{i}].port"),
                        $"ports[{i}].port is '{ports[i].Port}'; write it as k3d does: [hostIP:][hostPort:]containerPort[/protocol], e.g. 8080:80");
                }

                CheckNodeFilters(ports[i].NodeFilters, $"ports[{i}]", k3d, At);
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
                    diagnostics.Error(At($"options.k3d.loadbalancer.configOverrides[{i}]"), $"options.k3d.loadbalancer.configOverrides[{i}]: {ex.Message}; e.g. settings.workerConnections=2048");
                }
            }

            var volumes = k3d.Volumes ?? [];
            for (var i = 0; i < volumes.Count; i++)
            {
                var parts = volumes[i].Volume?.Split(':') ?? [];
                if (parts.Length is < 1 or > 3 || parts.Any(string.IsNullOrEmpty) || (parts.Length == 3 && parts[2] is not ("ro" or "rw" or "z" or "Z" or "shared" or "slave" or "private" or "rshared" or "rslave" or "rprivate")))
                {
                    diagnostics.Error(At(volumes[i].Volume is null ? $"volumes[{i}]" : $"volumes[{i}].volume"), $"volumes[{i}].volume is '{volumes[i].Volume}'; write it as source:destination[:ro|rw]");
                }

                CheckNodeFilters(volumes[i].NodeFilters, $"volumes[{i}]", k3d, At);
            }

            var env = k3d.Env ?? [];
            for (var i = 0; i < env.Count; i++)
            {
                if (env[i].EnvVar is not { } variable || !variable.Contains('=', StringComparison.Ordinal) || variable.StartsWith('='))
                {
                    diagnostics.Error(At(env[i].EnvVar is null ? $"env[{i}]" : $"env[{i}].envVar"), $"env[{i}].envVar is '{env[i].EnvVar}'; write it as NAME=value");
                }

                CheckNodeFilters(env[i].NodeFilters, $"env[{i}]", k3d, At);
            }

            var args = k3d.Options?.K3s?.ExtraArgs ?? [];
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i].Arg is not { } arg || !arg.StartsWith('-'))
                {
                    diagnostics.Error(At(args[i].Arg is null ? $"options.k3s.extraArgs[{i}]" : $"options.k3s.extraArgs[{i}].arg"), $"options.k3s.extraArgs[{i}].arg is '{args[i].Arg}'; a K3s argument starts with '-', e.g. --disable=traefik");
                }

                CheckNodeFilters(args[i].NodeFilters, $"options.k3s.extraArgs[{i}]", k3d, At);
            }
        }

        private void CheckNodeFilters(List<string>? filters, string path, K3dSimpleConfig k3d, Func<string, SourceLocation> at)
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
                    diagnostics.Error(at(filterPath), $"{filterPath} is '{filter}'; use a k3d node filter such as server:0, agent:*, loadbalancer or all");
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
                    diagnostics.Error(at(filterPath), $"{filterPath} is '{filter}', but the cluster has {count} {group}{(count == 1 ? string.Empty : "s")} (numbered from 0)");
                }
            }
        }
    }

    /// <summary>The two fields every native config starts with.</summary>
    private sealed class NativeHeader
    {
        [System.Text.Json.Serialization.JsonPropertyName("apiVersion")]
        public string? ApiVersion { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("kind")]
        public string? Kind { get; set; }
    }
}
