using Cake.Core.IO;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>
/// Which cluster a KSail alias means: a ksail.yaml plus the fields the script sets. Every field maps
/// onto a ksail.yaml path as the CLI's options do (<see cref="Workers"/> is <c>--workers</c>, i.e.
/// <c>spec.cluster.workers</c>); a field left null keeps what ksail.yaml, <c>KSAIL_*</c> variables or
/// the defaults say. Precedence: these settings &gt; <c>KSAIL_*</c> environment &gt; ksail.yaml &gt; defaults.
/// </summary>
public sealed class KSailClusterSettings
{
    /// <summary>The ksail.yaml (default: the nearest one at or above <see cref="WorkingDirectory"/>).</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary>Where relative paths start and ksail.yaml is looked for (default: Cake's working directory).</summary>
    public DirectoryPath? WorkingDirectory { get; set; }

    /// <summary>The cluster name (<c>metadata.name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The distribution, e.g. <c>Vanilla</c> or <c>K3s</c> (<c>spec.cluster.distribution</c>).</summary>
    public string? Distribution { get; set; }

    /// <summary>The native config file, kind.yaml or k3d.yaml (<c>spec.cluster.distributionConfig</c>).</summary>
    public FilePath? DistributionConfig { get; set; }

    /// <summary>Where nodes run, e.g. <c>Docker</c> (<c>spec.cluster.provider</c>).</summary>
    public string? Provider { get; set; }

    /// <summary>Number of control-plane nodes (<c>spec.cluster.controlPlanes</c>).</summary>
    public int? ControlPlanes { get; set; }

    /// <summary>Number of worker nodes (<c>spec.cluster.workers</c>).</summary>
    public int? Workers { get; set; }

    /// <summary>The CNI, e.g. <c>Default</c> (<c>spec.cluster.cni</c>).</summary>
    public string? Cni { get; set; }

    /// <summary>CSI: <c>Default</c>, <c>Enabled</c> or <c>Disabled</c> (<c>spec.cluster.csi</c>).</summary>
    public string? Csi { get; set; }

    /// <summary>metrics-server: <c>Default</c>, <c>Enabled</c> or <c>Disabled</c> (<c>spec.cluster.metricsServer</c>).</summary>
    public string? MetricsServer { get; set; }

    /// <summary>The load balancer (<c>spec.cluster.loadBalancer</c>).</summary>
    public string? LoadBalancer { get; set; }

    /// <summary>cert-manager (<c>spec.cluster.certManager</c>).</summary>
    public string? CertManager { get; set; }

    /// <summary>The policy engine (<c>spec.cluster.policyEngine</c>).</summary>
    public string? PolicyEngine { get; set; }

    /// <summary>The GitOps engine, e.g. <c>None</c>, <c>Flux</c> or <c>ArgoCD</c> (<c>spec.cluster.gitOpsEngine</c>).</summary>
    public string? GitOpsEngine { get; set; }

    /// <summary>The kubeconfig file the cluster's context is written to (<c>spec.cluster.connection.kubeconfig</c>).</summary>
    public FilePath? Kubeconfig { get; set; }

    /// <summary>The overall time limit of a step (<c>spec.cluster.connection.timeout</c>).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Keep what was created when a step of the create fails, for debugging (the CLI's <c>--keep-on-failure</c>).</summary>
    public bool KeepOnFailure { get; set; }

    /// <summary>What a create does when a cluster of that name exists: refuse (default), reuse it, or recreate it.</summary>
    public ExistingClusterPolicy IfExists { get; set; }

    /// <summary>Any other ksail.yaml field, by its dotted path (e.g. <c>spec.workload.sourceDirectory</c>), with its value as written in YAML.</summary>
    public IDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
