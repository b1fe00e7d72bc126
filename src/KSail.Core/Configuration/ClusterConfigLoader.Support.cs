using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <content>Rules about what is supported and what has no effect.</content>
public static partial class ClusterConfigLoader
{
    /// <summary>
    /// What KSail.NET does with each ksail.yaml field: the fields it acts on or checks, and those it
    /// reads but does not act on, with why. Setting one of those is a warning: the file still loads,
    /// as it would for KSail.
    /// </summary>
    internal static readonly FieldUse Fields = new(
        handled:
        [
            "kind",
            "apiVersion",
            "metadata.name",
            "spec.cluster.distributionConfig",
            "spec.cluster.connection.kubeconfig",
            "spec.cluster.connection.context",
            "spec.cluster.connection.timeout",
            "spec.cluster.distribution",
            "spec.cluster.provider",
            "spec.cluster.cni",
            "spec.cluster.csi",
            "spec.cluster.metricsServer",
            "spec.cluster.loadBalancer",
            "spec.cluster.certManager",
            "spec.cluster.policyEngine",
            "spec.cluster.localRegistry.registry",
            "spec.cluster.gitOpsEngine",
            "spec.cluster.importImages",
            "spec.cluster.controlPlanes",
            "spec.cluster.workers",
            "spec.cluster.timeouts.provision",
            "spec.cluster.timeouts.components",
            "spec.cluster.timeouts.stability",
            "spec.cluster.timeouts.apiServer",
            "spec.cluster.timeouts.nodes",
            "spec.cluster.timeouts.daemonSets",
            "spec.cluster.timeouts.apiConnectivity",
            "spec.cluster.timeouts.gitOps",
            "spec.cluster.timeouts.teardown",
            "spec.cluster.teardown",
            "spec.workload.sourceDirectory",
            "spec.workload.tag",
            "spec.workload.kustomizationFile",

            // Its <host>/hosts.toml files go into every Vanilla node (Distributions/Vanilla/KindRegistryHosts).
            "spec.cluster.vanilla.mirrorsDir",

            // Warned about with the setting that chooses the version instead (WarnAboutFieldsWithoutEffect).
            "spec.cluster.kubernetesVersion",
        ],
        withoutEffect:
        [
            ("spec.editor", "KSail.NET opens no editor"),
            ("spec.chat", "KSail.NET has no chat assistant"),
            ("spec.cluster.cdi", "Container Device Interface support is not built"),
            ("spec.cluster.imageVerification", "image signature verification is not built"),
            ("spec.cluster.sops", "SOPS secrets are not built"),
            ("spec.cluster.nodeAutoscaling", "node autoscaling needs a cloud provider"),
            ("spec.cluster.autoscaler", "autoscaling needs a cloud provider"),
            ("spec.cluster.oidc", "OIDC authentication is not built"),
            ("spec.cluster.talos", "it applies to the Talos distribution only"),
            ("spec.cluster.eks", "it applies to the EKS distribution only"),
            ("spec.provider", "it configures providers other than Docker"),
            ("spec.workload.validateOnPush", "KSail.NET's workload push does not validate manifests (KSail's --validate is not built)"),
            ("spec.workload.flux", "KSail.NET installs Flux's controllers itself, not the Flux operator"),
            ("spec.workload.watch", "KSail.NET has no workload watch"),
            ("spec.workload.validation", "KSail.NET has no workload validate"),
            ("spec.workload.scan", "KSail.NET has no workload scan"),
            ("spec.cluster.localRegistry.credentials", "registry credentials are for workload push, which KSail.NET does not have yet"),
        ]);

    private sealed partial class DeclarationLoad
    {
        private void CheckSupported(KSailClusterConfig declared)
        {
            var cluster = declared.Spec?.Cluster;
            if (cluster is null)
            {
                return;
            }

            Require(cluster.Distribution, Supported.Distributions, "spec.cluster.distribution", "distribution");
            Require(cluster.Provider, Supported.Providers, "spec.cluster.provider", "provider");
            Require(cluster.Cni, Supported.Cnis, "spec.cluster.cni", "CNI");
            Require(cluster.Csi, Supported.Toggles, "spec.cluster.csi", "CSI setting");
            Require(cluster.MetricsServer, Supported.Toggles, "spec.cluster.metricsServer", "metrics-server setting");
            Require(cluster.LoadBalancer, Supported.LoadBalancers, "spec.cluster.loadBalancer", "load balancer setting");
            Require(cluster.CertManager, Supported.CertManager, "spec.cluster.certManager", "cert-manager setting");
            Require(cluster.PolicyEngine, Supported.PolicyEngines, "spec.cluster.policyEngine", "policy engine");
            Require(cluster.GitOpsEngine, Supported.GitOpsEngines, "spec.cluster.gitOpsEngine", "GitOps engine");
        }

        private void Require<T>(T? value, IReadOnlyList<T> supported, string path, string what)
            where T : struct, Enum
        {
            if (value is { } chosen && !supported.Contains(chosen))
            {
                diagnostics.Error(
                    At(path),
                    $"{path} is {chosen}, a {what} KSail.NET does not support yet; supported today: {string.Join(", ", supported)}");
            }
        }

        private void WarnAboutFieldsWithoutEffect(KSailClusterConfig declared)
        {
            foreach (var (path, why) in Fields.WithoutEffect)
            {
                if (IsSet(path))
                {
                    diagnostics.Warning(At(path), $"{path} has no effect in KSail.NET ({why}); it is read and ignored");
                }
            }

            if (declared.Spec?.Cluster?.KubernetesVersion is { } version)
            {
                var where = KSail.Core.Distributions.DistributionRegistry.Find(declared.Spec.Cluster.Distribution ?? KSail.Core.Distributions.DistributionRegistry.Default.Id)?.NodeImageSetting ?? "the distribution's own config";
                diagnostics.Warning(
                    At("spec.cluster.kubernetesVersion"),
                    $"spec.cluster.kubernetesVersion ({version}) has no effect for this distribution; as with KSail, the version comes from {where}");
            }
        }
    }
}
