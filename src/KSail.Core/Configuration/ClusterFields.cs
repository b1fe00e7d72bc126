namespace KSail.Core.Configuration;

/// <summary>
/// The fields a run can set over ksail.yaml, in one table (<see cref="All"/>): the command line's
/// field options, the Cake and NUKE settings and the MSBuild properties all come from it, so every
/// surface sets the same fields. The constants are their dotted ksail.yaml paths (pass them to
/// <see cref="ConfigOverride.FromArgument"/>).
/// </summary>
public static class ClusterFields
{
    /// <summary>The cluster name.</summary>
    public const string Name = "metadata.name";

    /// <summary>The distribution (Vanilla, K3s, …).</summary>
    public const string Distribution = "spec.cluster.distribution";

    /// <summary>The native config file (kind.yaml, k3d.yaml, kwok.yaml).</summary>
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

    /// <summary>The registry of the cluster's workloads: a local one KSail.NET runs (<c>localhost:5050</c>), or an existing one.</summary>
    public const string LocalRegistry = "spec.cluster.localRegistry.registry";

    /// <summary>The image archive imported into every node after create, before the components.</summary>
    public const string ImportImages = "spec.cluster.importImages";

    /// <summary>The kubeconfig file the cluster's context is written to.</summary>
    public const string Kubeconfig = "spec.cluster.connection.kubeconfig";

    /// <summary>The kubeconfig context (set by <c>KSAIL_SPEC_CONNECTION_CONTEXT</c>; no surface has an option for it, so it is not in <see cref="All"/>).</summary>
    public const string Context = "spec.cluster.connection.context";

    /// <summary>The overall time limit (a Go duration).</summary>
    public const string Timeout = "spec.cluster.connection.timeout";

    /// <summary>When the cluster is deleted after a test run.</summary>
    public const string Teardown = "spec.cluster.teardown";

    /// <summary>
    /// Every field a run can set, in the order the surfaces list them: <c>ksail cluster create</c> and
    /// <c>update</c> have an option for each, Cake a property and a <c>With…</c> helper, NUKE a property
    /// and <c>Set…</c>/<c>Reset…</c>, MSBuild a <c>KSail…</c> property. Adding a field here and running
    /// <c>build/cluster-fields.sh</c> puts it on all of them.
    /// </summary>
    public static IReadOnlyList<ClusterField> All { get; } =
    [
        new(nameof(Name), Name, "--name", "-n", ClusterFieldKind.Text, "the cluster name", "The cluster name."),
        new(nameof(Distribution), Distribution, "--distribution", "-d", ClusterFieldKind.Choice, "the distribution", $"The distribution ({Choices(Supported.Distributions)}).") { Choices = typeof(Model.Distribution) },
        new(nameof(DistributionConfig), DistributionConfig, "--distribution-config", null, ClusterFieldKind.File, "the native config file (kind.yaml, k3d.yaml, kwok.yaml)", "The native config file (kind.yaml, k3d.yaml, kwok.yaml)."),
        new(nameof(Provider), Provider, "--provider", "-p", ClusterFieldKind.Choice, "where nodes run", $"Where nodes run ({Choices(Supported.Providers)}).") { Choices = typeof(Model.Provider) },
        new(nameof(ControlPlanes), ControlPlanes, "--control-planes", null, ClusterFieldKind.Number, "the number of control-plane nodes", "Number of control-plane nodes."),
        new(nameof(Workers), Workers, "--workers", null, ClusterFieldKind.Number, "the number of worker nodes", "Number of worker nodes."),
        new(nameof(Cni), Cni, "--cni", null, ClusterFieldKind.Choice, "the CNI", $"The CNI ({Choices(Supported.Cnis)}).") { Choices = typeof(Model.Cni) },
        new(nameof(Csi), Csi, "--csi", null, ClusterFieldKind.Choice, "CSI (Enabled installs KSail.NET's local-path-provisioner)", $"CSI ({Choices(Supported.Toggles)}; Enabled installs KSail.NET's local-path-provisioner).") { Choices = typeof(Model.Toggle) },
        new(nameof(MetricsServer), MetricsServer, "--metrics-server", null, ClusterFieldKind.Choice, "metrics-server", $"metrics-server ({Choices(Supported.Toggles)}).") { Choices = typeof(Model.Toggle) },
        new(nameof(LoadBalancer), LoadBalancer, "--load-balancer", null, ClusterFieldKind.Choice, "the load balancer", $"Load balancer ({Choices(Supported.LoadBalancers)}).") { Choices = typeof(Model.Toggle) },
        new(nameof(CertManager), CertManager, "--cert-manager", null, ClusterFieldKind.Choice, "cert-manager", $"cert-manager ({Choices(Supported.CertManager)}).") { Choices = typeof(Model.EnabledDisabled) },
        new(nameof(PolicyEngine), PolicyEngine, "--policy-engine", null, ClusterFieldKind.Choice, "the policy engine", $"Policy engine ({Choices(Supported.PolicyEngines)}).") { Choices = typeof(Model.PolicyEngine) },
        new(nameof(GitOpsEngine), GitOpsEngine, "--gitops-engine", null, ClusterFieldKind.Choice, "the GitOps engine", $"GitOps engine ({Choices(Supported.GitOpsEngines)}).") { Choices = typeof(Model.GitOpsEngine) },
        new(nameof(LocalRegistry), LocalRegistry, "--local-registry", null, ClusterFieldKind.Text, "the registry of the cluster's workloads, [user:pass@]host[:port][/path]: on localhost, a registry container KSail.NET runs", "Local registry, [user:pass@]host[:port][/path] (e.g. localhost:5050: a registry container on 127.0.0.1:5050; the password as ${VARIABLE})."),
        new(nameof(ImportImages), ImportImages, "--import-images", null, ClusterFieldKind.File, "the image archive (tar) imported into every node after create, before the components", "Image archive (tar) to import into every node after create, before the components."),
        new(nameof(Kubeconfig), Kubeconfig, "--kubeconfig", null, ClusterFieldKind.File, "the kubeconfig file the cluster's context is written to", "The kubeconfig file to write the context to."),
        new(nameof(Timeout), Timeout, "--timeout", null, ClusterFieldKind.Duration, "the overall time limit of a step, a Go duration such as 10m", "Overall time limit, e.g. 10m."),
        new(nameof(Teardown), Teardown, "--teardown", null, ClusterFieldKind.Choice, "when the cluster is deleted after a test run", "When the cluster is deleted after a run: Always, OnSuccess, Never.") { Choices = typeof(Model.TeardownPolicy) },
    ];

    private static string Choices<T>(IEnumerable<T> choices) => string.Join(", ", choices);
}
