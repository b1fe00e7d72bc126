using System.Text.RegularExpressions;
using KSail.Core.Configuration.K3d;
using KSail.Core.Configuration.Kind;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <content>Rules across ksail.yaml and the native config, and the resolved definition.</content>
public static partial class ClusterConfigLoader
{
    /// <summary>KSail's rule for cluster names (DNS-1123, starting with a letter).</summary>
    [GeneratedRegex("^[a-z]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterNamePattern();

    private const int MaxHostNameLength = 63;
    private const int MaxK3dClusterNameLength = 32;

    private sealed partial class DeclarationLoad
    {
        private ClusterDefinition? Resolve(
            KSailClusterConfig declared,
            Distribution distribution,
            NativeConfig native,
            PhaseTimeoutValues timeouts,
            TimeSpan? operationTimeout)
        {
            var cluster = declared.Spec?.Cluster;
            var kind = native.Model as KindCluster;
            var k3d = native.Model as K3dSimpleConfig;

            var nativeName = kind?.Name ?? k3d?.Metadata?.Name;
            var nativeNamePath = kind is not null ? "name" : "metadata.name";
            var name = declared.Metadata?.Name ?? nativeName ?? (kind is not null ? KindCluster.DefaultName : K3dSimpleConfig.DefaultName);
            var nameAt = declared.Metadata?.Name is not null ? At("metadata.name") : native.At(nativeNamePath, SourceLocation.StartOf(configFile));
            if (!CheckName(name, nameAt, distribution))
            {
                return null;
            }

            var nodes = kind is not null ? KindNodes(name, kind, cluster, native) : K3dNodes(name, k3d!, cluster, native);
            var ports = kind is not null ? KindPorts(name, kind, nodes, native) : K3dPorts(name, k3d!, nodes, native);
            CheckDuplicatePorts(ports);
            CheckCni(cluster?.Cni ?? Cni.Default, kind, k3d, native);

            var tool = KSail.Core.Distributions.DistributionRegistry.For(distribution);
            var context = tool.ContextName(name);
            if (cluster?.Connection?.Context is { } declaredContext && declaredContext != context)
            {
                diagnostics.Warning(
                    At("spec.cluster.connection.context"),
                    $"spec.cluster.connection.context is '{declaredContext}', but the cluster '{name}' gets the context '{context}', as {tool.Tool} names it; the field is ignored");
            }

            return new ClusterDefinition
            {
                Name = name,
                Distribution = distribution,
                Provider = cluster?.Provider ?? Provider.Docker,
                ConfigFile = configFile,
                DistributionConfigFile = native.File,
                ContextName = context,
                KubeconfigPath = cluster?.Connection?.Kubeconfig is { } declaredKubeconfig ? FullPath(declaredKubeconfig) : options.DefaultKubeconfigPath,
                OperationTimeout = operationTimeout,
                Network = kind is not null ? "kind" : k3d!.Network ?? $"k3d-{name}",
                Nodes = nodes,
                Ports = ports,
                Components = Components(distribution, cluster),
                Timeouts = timeouts,
                Teardown = cluster?.Teardown ?? TeardownPolicy.Always,
                SourceDirectory = FullPath(declared.Spec?.Workload?.SourceDirectory ?? "k8s"),
                Kind = kind,
                K3d = k3d,
                Declared = declared,
                Warnings = diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList(),
            };
        }

        private bool CheckName(string name, SourceLocation at, Distribution distribution)
        {
            if (!ClusterNamePattern().IsMatch(name))
            {
                diagnostics.Error(at, $"the cluster name '{name}' is not valid: use lowercase letters, digits and '-', starting with a letter and not ending with '-' (it names Docker containers and DNS hosts)");
                return false;
            }

            if (distribution == Distribution.K3s && name.Length > MaxK3dClusterNameLength)
            {
                diagnostics.Error(at, $"the cluster name '{name}' has {name.Length} characters; k3d allows at most {MaxK3dClusterNameLength}");
                return false;
            }

            const string longestKindSuffix = Distributions.Vanilla.KindNodeNames.LoadBalancerSuffix;
            if (distribution == Distribution.Vanilla && name.Length + longestKindSuffix.Length > MaxHostNameLength)
            {
                diagnostics.Error(at, $"the cluster name '{name}' is too long: node names such as '{name}{longestKindSuffix}' must fit the {MaxHostNameLength} characters of a host name (use at most {MaxHostNameLength - longestKindSuffix.Length})");
                return false;
            }

            return true;
        }

        private void CheckCount(int? declared, int actual, string ksailPath, string nativeWhat, NativeConfig native, string nativePath)
        {
            if (declared is { } wanted && wanted != actual)
            {
                var nativeAt = native.At(nativePath, SourceLocation.StartOf(configFile));
                diagnostics.Error(
                    At(ksailPath),
                    $"{ksailPath} is {wanted}, but {Path.GetFileName(native.File)} declares {actual} {nativeWhat} ({nativeAt}); make them agree, or leave {ksailPath} unset so the native config decides");
            }
        }

        private List<NodeDefinition> KindNodes(string name, KindCluster kind, ClusterSpec? cluster, NativeConfig native)
        {
            List<(string Role, string Image)> declared;
            if (kind.Nodes is { Count: > 0 } nodes)
            {
                declared = nodes.Select(n => (n.Role ?? "control-plane", n.Image ?? KindCluster.DefaultImage)).ToList();
                CheckCount(cluster?.ControlPlanes, declared.Count(n => n.Role == "control-plane"), "spec.cluster.controlPlanes", "control-plane nodes", native, "nodes");
                CheckCount(cluster?.Workers, declared.Count(n => n.Role == "worker"), "spec.cluster.workers", "worker nodes", native, "nodes");
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
                        Distributions.Vanilla.KindNodeNames.Node(name, role, index),
                        role == "worker" ? NodeRole.Worker : NodeRole.ControlPlane,
                        node.Image));
                }
            }

            if (result.Count(n => n.Role == NodeRole.ControlPlane) > 1)
            {
                result.Insert(0, new NodeDefinition(Distributions.Vanilla.KindNodeNames.LoadBalancer(name), NodeRole.LoadBalancer, KindLoadBalancerImage()));
            }

            return result;
        }

        private static List<PublishedPort> KindPorts(string name, KindCluster kind, List<NodeDefinition> nodes, NativeConfig native)
        {
            var ports = new List<PublishedPort>();
            if (nodes.Count == 0)
            {
                return ports; // no valid node: already reported
            }

            var apiNode = nodes[0].Name; // the load balancer when there is one, else the only control plane
            ports.Add(new(apiNode, kind.Networking?.ApiServerAddress ?? "127.0.0.1", kind.Networking?.ApiServerPort ?? 0, 6443, "TCP", "Kubernetes API", native.Locations.GetValueOrDefault("networking.apiServerPort")));

            var declared = kind.Nodes ?? [];
            var names = Distributions.Vanilla.KindNodeNames.Of(name, declared.Select(n => n.Role));
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

        private List<NodeDefinition> K3dNodes(string name, K3dSimpleConfig k3d, ClusterSpec? cluster, NativeConfig native)
        {
            var servers = k3d.Servers ?? cluster?.ControlPlanes ?? 1;
            var agents = k3d.Agents ?? cluster?.Workers ?? 0;
            if (k3d.Servers is not null)
            {
                CheckCount(cluster?.ControlPlanes, servers, "spec.cluster.controlPlanes", "servers", native, "servers");
            }

            if (k3d.Agents is not null)
            {
                CheckCount(cluster?.Workers, agents, "spec.cluster.workers", "agents", native, "agents");
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
                result.Add(new NodeDefinition($"k3d-{name}-serverlb", NodeRole.LoadBalancer, K3dLoadBalancerImage()));
            }

            return result;
        }

        // kind pins its load balancer image; KSAIL_KIND_LOADBALANCER_IMAGE names another.
        private string KindLoadBalancerImage() =>
            options.Environment.GetValueOrDefault(KindCluster.LoadBalancerImageVariable) is { Length: > 0 } image ? image : KindCluster.DefaultLoadBalancerImage;

        // As k3d picks it: K3D_IMAGE_LOADBALANCER, else its proxy image at K3D_HELPER_IMAGE_TAG or k3d's version.
        private string K3dLoadBalancerImage() =>
            options.Environment.GetValueOrDefault(K3dSimpleConfig.LoadBalancerImageVariable) is { Length: > 0 } image ? image
            : options.Environment.GetValueOrDefault(K3dSimpleConfig.HelperImageTagVariable) is { Length: > 0 } tag ? $"{K3dSimpleConfig.LoadBalancerImageRepository}:{tag}"
            : K3dSimpleConfig.DefaultLoadBalancerImage;

        private static List<PublishedPort> K3dPorts(string name, K3dSimpleConfig k3d, List<NodeDefinition> nodes, NativeConfig native)
        {
            // With k3d's load balancer the API goes through it to every server; without it, server-0 publishes it.
            var lb = nodes.Find(n => n.Role == NodeRole.LoadBalancer);
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

        private void CheckDuplicatePorts(List<PublishedPort> ports)
        {
            var seen = new List<PublishedPort>();
            foreach (var port in ports.Where(p => p.HostPort != 0))
            {
                var clash = seen.Find(p => p.HostPort == port.HostPort && p.Protocol == port.Protocol
                    && (p.ListenAddress == port.ListenAddress || p.ListenAddress is "0.0.0.0" || port.ListenAddress is "0.0.0.0"));
                if (clash is not null && !(clash.Purpose == port.Purpose && clash.ContainerPort == port.ContainerPort && clash.Node != port.Node && port.Purpose == "ports"))
                {
                    diagnostics.Error(
                        port.DeclaredAt ?? SourceLocation.StartOf(configFile),
                        $"host port {port.HostPort}/{port.Protocol} is mapped twice ({clash.Purpose} on {clash.Node}, and {port.Purpose} on {port.Node}); a host port can be published once: change one of them");
                }
                else if (clash is not null)
                {
                    diagnostics.Error(
                        port.DeclaredAt ?? SourceLocation.StartOf(configFile),
                        $"host port {port.HostPort}/{port.Protocol} would be published by both {clash.Node} and {port.Node}; narrow the node filter to one node");
                }

                seen.Add(port);
            }
        }

        private void CheckCni(Cni cni, KindCluster? kind, K3dSimpleConfig? k3d, NativeConfig native)
        {
            if (kind is not null)
            {
                var disabled = kind.Networking?.DisableDefaultCni == true;
                if (cni == Cni.Default && disabled)
                {
                    diagnostics.Error(
                        native.At("networking.disableDefaultCNI", SourceLocation.StartOf(configFile)),
                        "networking.disableDefaultCNI is true, but spec.cluster.cni is Default, so the cluster would have no network; remove disableDefaultCNI, or choose a CNI in spec.cluster.cni");
                }
                else if (cni != Cni.Default && !disabled)
                {
                    diagnostics.Error(
                        At("spec.cluster.cni"),
                        $"spec.cluster.cni is {cni}, but kind.yaml keeps kind's default CNI, and two CNIs would fight; set networking.disableDefaultCNI: true in kind.yaml");
                }

                return;
            }

            var flannelOffAt = (k3d?.Options?.K3s?.ExtraArgs ?? []).FindIndex(a => a.Arg is "--flannel-backend=none" or "--flannel-backend none");
            var flannelOff = flannelOffAt >= 0;
            if (cni == Cni.Default && flannelOff)
            {
                diagnostics.Error(
                    native.At($"options.k3s.extraArgs[{flannelOffAt}].arg", SourceLocation.StartOf(configFile)),
                    "options.k3s.extraArgs turns flannel off (--flannel-backend=none), but spec.cluster.cni is Default, so the cluster would have no network; remove that argument, or choose a CNI in spec.cluster.cni");
            }
            else if (cni != Cni.Default && !flannelOff)
            {
                diagnostics.Error(
                    At("spec.cluster.cni"),
                    $"spec.cluster.cni is {cni}, but K3s keeps flannel, and two CNIs would fight; add '--flannel-backend=none' (and '--disable-network-policy') to options.k3s.extraArgs for servers in k3d.yaml");
            }
        }

        private static List<ComponentChoice> Components(Distribution distribution, ClusterSpec? cluster)
        {
            var k3s = distribution == Distribution.K3s;
            string Toggle(Toggle? setting, string ownDefault, KSail.Core.Components.ComponentDefinition? installed = null) => setting switch
            {
                Model.Toggle.Disabled => "none (disabled)",
                Model.Toggle.Enabled => installed is null ? "installed by KSail.NET" : $"{installed.Name} {installed.Version} (installed by KSail.NET)",
                _ => ownDefault,
            };
            var engine = cluster?.GitOpsEngine ?? GitOpsEngine.None;
            var engineOutcome = engine switch
            {
                GitOpsEngine.Flux => $"Flux {KSail.Core.Components.FluxComponent.Definition.Version} (installed by KSail.NET)",
                GitOpsEngine.ArgoCD => $"Argo CD {KSail.Core.Components.ComponentCatalog.ArgoCd.Version} (installed by KSail.NET)",
                _ => "none",
            };

            return
            [
                new(ComponentPhase.Infrastructure, "CNI", (cluster?.Cni ?? Cni.Default).ToString(),
                    k3s ? "flannel (built into K3s)" : "kindnetd (kind's default CNI)"),
                new(ComponentPhase.Infrastructure, "CSI", (cluster?.Csi ?? Model.Toggle.Default).ToString(),
                    Toggle(cluster?.Csi, k3s ? "local-path-provisioner (built into K3s)" : "local-path-provisioner (kind's default storage)", KSail.Core.Components.ComponentCatalog.LocalPathProvisioner)),
                new(ComponentPhase.Infrastructure, "metrics-server", (cluster?.MetricsServer ?? Model.Toggle.Default).ToString(),
                    Toggle(cluster?.MetricsServer, k3s ? "metrics-server (built into K3s)" : "none (kind ships none)", KSail.Core.Components.ComponentCatalog.MetricsServer)),
                new(ComponentPhase.Infrastructure, "load balancer", (cluster?.LoadBalancer ?? Model.Toggle.Default).ToString(),
                    Toggle(cluster?.LoadBalancer, k3s ? "ServiceLB (built into K3s)" : "none (kind ships none)")),
                new(ComponentPhase.Infrastructure, "cert-manager", (cluster?.CertManager ?? EnabledDisabled.Disabled).ToString(), "none"),
                new(ComponentPhase.Infrastructure, "policy engine", (cluster?.PolicyEngine ?? PolicyEngine.None).ToString(), "none"),
                new(ComponentPhase.GitOps, "GitOps engine", engine.ToString(), engineOutcome),
            ];
        }
    }
}
