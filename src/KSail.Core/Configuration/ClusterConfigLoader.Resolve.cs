using System.Text.RegularExpressions;
using KSail.Core.Distributions;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <content>Rules across ksail.yaml and the native config, and the resolved definition.</content>
public static partial class ClusterConfigLoader
{
    /// <summary>KSail's rule for cluster names (DNS-1123, starting with a letter).</summary>
    [GeneratedRegex("^[a-z]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterNamePattern();


    private sealed partial class DeclarationLoad
    {
        private ClusterDefinition? Resolve(
            KSailClusterConfig declared,
            IDistribution distribution,
            NativeConfig native,
            PhaseTimeoutValues timeouts,
            TimeSpan? operationTimeout)
        {
            var cluster = declared.Spec?.Cluster;
            var format = distribution.Config;
            var (nativeName, nativeNamePath) = format.DeclaredName(native);
            var name = declared.Metadata?.Name ?? nativeName ?? format.DefaultName;
            var nameAt = declared.Metadata?.Name is not null ? At("metadata.name") : native.At(nativeNamePath, SourceLocation.StartOf(configFile));
            if (!CheckName(name, nameAt, format))
            {
                return null;
            }

            var context = Context;
            var nodes = format.Nodes(name, native, cluster, context);
            var ports = format.Ports(name, native, nodes);
            CheckDuplicatePorts(ports);
            format.CheckCni(cluster?.Cni ?? Cni.Default, native, context);

            var contextName = distribution.ContextName(name);
            if (cluster?.Connection?.Context is { } declaredContext && declaredContext != contextName)
            {
                diagnostics.Warning(
                    At("spec.cluster.connection.context"),
                    $"spec.cluster.connection.context is '{declaredContext}', but the cluster '{name}' gets the context '{contextName}', as {distribution.Tool} names it; the field is ignored");
            }

            var registries = Registries.RegistryDeclarations.Resolve(
                name, cluster?.LocalRegistry?.Registry, writtenRegistry, At("spec.cluster.localRegistry.registry"), options.MirrorRegistries, options.Environment, diagnostics);

            return new ClusterDefinition
            {
                Name = name,
                Distribution = distribution.Id,
                Provider = cluster?.Provider ?? Provider.Docker,
                ConfigFile = configFile,
                DistributionConfigFile = native.File,
                ContextName = contextName,
                KubeconfigPath = cluster?.Connection?.Kubeconfig is { } declaredKubeconfig ? FullPath(declaredKubeconfig) : options.DefaultKubeconfigPath,
                OperationTimeout = operationTimeout,
                Network = format.Network(name, native),
                Nodes = nodes,
                Ports = ports,
                Components = Components(format.BuiltIns, cluster, format.CniDisabledBy(native.Model) is not null),
                Timeouts = timeouts,
                Teardown = cluster?.Teardown ?? TeardownPolicy.Always,
                SourceDirectory = FullPath(declared.Spec?.Workload?.SourceDirectory ?? "k8s"),
                ImportImages = cluster?.ImportImages is { Length: > 0 } archive ? FullPath(archive) : null,
                ImportImagesAt = cluster?.ImportImages is { Length: > 0 } ? At("spec.cluster.importImages") : null,
                NativeSpec = native.Model,
                Declared = declared,
                Proxy = Distributions.NodeProxyEnvironment.From(options.Environment),
                Registries = registries,
                RegistryMirrors = registries.Select(r => r.Mirror).ToList(),
                Warnings = diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList(),
            };
        }

        private bool CheckName(string name, SourceLocation at, INativeConfigFormat format)
        {
            if (!ClusterNamePattern().IsMatch(name))
            {
                diagnostics.Error(at, $"the cluster name '{name}' is not valid: use lowercase letters, digits and '-', starting with a letter and not ending with '-' (it names Docker containers and DNS hosts)");
                return false;
            }

            if (format.NameProblem(name) is { } problem)
            {
                diagnostics.Error(at, problem);
                return false;
            }

            return true;
        }

        private void CheckDuplicatePorts(IReadOnlyList<PublishedPort> ports)
        {
            var seen = new List<PublishedPort>();
            foreach (var port in ports.Where(p => p.HostPort > 0))
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

        private static List<ComponentChoice> Components(BuiltInComponents builtIns, ClusterSpec? cluster, bool cniDisabled)
        {
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
                    !cniDisabled || (cluster?.Cni ?? Cni.Default) != Cni.Default ? builtIns.Cni : "no CNI: bring your own"),
                new(ComponentPhase.Infrastructure, "CSI", (cluster?.Csi ?? Model.Toggle.Default).ToString(),
                    Toggle(cluster?.Csi, builtIns.Csi, KSail.Core.Components.ComponentCatalog.LocalPathProvisioner)),
                new(ComponentPhase.Infrastructure, "metrics-server", (cluster?.MetricsServer ?? Model.Toggle.Default).ToString(),
                    Toggle(cluster?.MetricsServer, builtIns.MetricsServer, KSail.Core.Components.ComponentCatalog.MetricsServer)),
                new(ComponentPhase.Infrastructure, "load balancer", (cluster?.LoadBalancer ?? Model.Toggle.Default).ToString(),
                    Toggle(cluster?.LoadBalancer, builtIns.LoadBalancer)),
                new(ComponentPhase.Infrastructure, "cert-manager", (cluster?.CertManager ?? EnabledDisabled.Disabled).ToString(), "none"),
                new(ComponentPhase.Infrastructure, "policy engine", (cluster?.PolicyEngine ?? PolicyEngine.None).ToString(), "none"),
                new(ComponentPhase.GitOps, "GitOps engine", engine.ToString(), engineOutcome),
            ];
        }
    }
}
