namespace KSail.Core.Configuration;

/// <summary>
/// The dotted ksail.yaml paths of the fields a run can set over the file: the command line's field
/// options, the Cake and NUKE settings and the <c>KSAIL_*</c> variables all name these, so every
/// surface sets the same field (pass them to <see cref="ConfigOverride.FromArgument"/>).
/// </summary>
public static class ClusterFields
{
    /// <summary>The cluster name.</summary>
    public const string Name = "metadata.name";

    /// <summary>The distribution (Vanilla, K3s, …).</summary>
    public const string Distribution = "spec.cluster.distribution";

    /// <summary>The native config file (kind.yaml, k3d.yaml).</summary>
    public const string DistributionConfig = "spec.cluster.distributionConfig";

    /// <summary>Where nodes run.</summary>
    public const string Provider = "spec.cluster.provider";

    /// <summary>The number of control-plane nodes.</summary>
    public const string ControlPlanes = "spec.cluster.controlPlanes";

    /// <summary>The number of worker nodes.</summary>
    public const string Workers = "spec.cluster.workers";

    /// <summary>The CNI.</summary>
    public const string Cni = "spec.cluster.cni";

    /// <summary>CSI.</summary>
    public const string Csi = "spec.cluster.csi";

    /// <summary>metrics-server.</summary>
    public const string MetricsServer = "spec.cluster.metricsServer";

    /// <summary>The load balancer.</summary>
    public const string LoadBalancer = "spec.cluster.loadBalancer";

    /// <summary>cert-manager.</summary>
    public const string CertManager = "spec.cluster.certManager";

    /// <summary>The policy engine.</summary>
    public const string PolicyEngine = "spec.cluster.policyEngine";

    /// <summary>The GitOps engine.</summary>
    public const string GitOpsEngine = "spec.cluster.gitOpsEngine";

    /// <summary>The kubeconfig file the cluster's context is written to.</summary>
    public const string Kubeconfig = "spec.cluster.connection.kubeconfig";

    /// <summary>The kubeconfig context.</summary>
    public const string Context = "spec.cluster.connection.context";

    /// <summary>The overall time limit (a Go duration).</summary>
    public const string Timeout = "spec.cluster.connection.timeout";

    /// <summary>When the cluster is deleted after a test run.</summary>
    public const string Teardown = "spec.cluster.teardown";
}
