using System.Collections.Immutable;
using System.Globalization;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;

namespace KSail.Nuke;

/// <summary>
/// Which cluster a <see cref="KSailTasks"/> call means: a ksail.yaml plus the values a NUKE target
/// sets, in NUKE's style: immutable, changed with the <c>Set…</c>/<c>Reset…</c> extensions of
/// <see cref="KSailClusterSettingsExtensions"/>, each returning a changed copy.
/// </summary>
/// <remarks>
/// A value left unset (null) is taken from <c>KSAIL_*</c> environment variables, then ksail.yaml,
/// then KSail's defaults; a value set here wins over all of them, as a <c>ksail cluster create</c>
/// option does. Each named value sets the ksail.yaml path the CLI's option of the same name sets.
/// </remarks>
public sealed record KSailClusterSettings
{
    /// <summary>The ksail.yaml (relative to <see cref="WorkingDirectory"/>); when null, the nearest one at or above <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where relative paths start and ksail.yaml is looked for (default: the current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The environment <c>KSAIL_*</c> values are read from (default: this process's).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary><c>metadata.name</c>: the cluster name.</summary>
    public string? Name { get; init; }

    /// <summary><c>spec.cluster.distribution</c>: Vanilla (kind-compatible) or K3s (k3d-compatible).</summary>
    public Distribution? Distribution { get; init; }

    /// <summary><c>spec.cluster.distributionConfig</c>: the native config file (kind.yaml, k3d.yaml).</summary>
    public string? DistributionConfig { get; init; }

    /// <summary><c>spec.cluster.provider</c>: where nodes run.</summary>
    public Provider? Provider { get; init; }

    /// <summary><c>spec.cluster.controlPlanes</c>: the number of control-plane nodes.</summary>
    public int? ControlPlanes { get; init; }

    /// <summary><c>spec.cluster.workers</c>: the number of worker nodes.</summary>
    public int? Workers { get; init; }

    /// <summary><c>spec.cluster.cni</c>: the CNI.</summary>
    public Cni? Cni { get; init; }

    /// <summary><c>spec.cluster.csi</c>: CSI (Enabled installs KSail.NET's local-path-provisioner).</summary>
    public Toggle? Csi { get; init; }

    /// <summary><c>spec.cluster.metricsServer</c>: metrics-server.</summary>
    public Toggle? MetricsServer { get; init; }

    /// <summary><c>spec.cluster.loadBalancer</c>: the load balancer.</summary>
    public Toggle? LoadBalancer { get; init; }

    /// <summary><c>spec.cluster.certManager</c>: cert-manager.</summary>
    public EnabledDisabled? CertManager { get; init; }

    /// <summary><c>spec.cluster.policyEngine</c>: the policy engine.</summary>
    public PolicyEngine? PolicyEngine { get; init; }

    /// <summary><c>spec.cluster.gitOpsEngine</c>: the GitOps engine.</summary>
    public GitOpsEngine? GitOpsEngine { get; init; }

    /// <summary><c>spec.cluster.connection.kubeconfig</c>: the kubeconfig file the cluster's context is written to.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary><c>spec.cluster.connection.timeout</c>: the overall time limit as a Go duration, e.g. <c>10m</c>.</summary>
    public string? Timeout { get; init; }

    /// <summary><c>spec.cluster.teardown</c>: when the cluster is deleted after a <c>ksail test</c> run.</summary>
    public TeardownPolicy? Teardown { get; init; }

    /// <summary>Any other ksail.yaml fields by dotted path, e.g. <c>spec.workload.sourceDirectory</c>; a named setting of the same path wins.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Keep what was created when a step of <see cref="KSailTasks.KSailClusterCreate(KSailClusterSettings?)"/> fails, for debugging.</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>What <see cref="KSailTasks.KSailClusterCreate(KSailClusterSettings?)"/> does when a cluster of that name exists: refuse (default), reuse it, or recreate it.</summary>
    public ExistingClusterPolicy IfExists { get; init; }

    /// <summary>
    /// The file <see cref="KSailTasks.KSailKubeconfig(KSailClusterSettings?)"/> writes the cluster's
    /// kubeconfig to, alone (mode 0600); when null, it is merged into the declaration's kubeconfig.
    /// </summary>
    public string? KubeconfigOutput { get; init; }

    /// <summary>The engine's request these settings stand for: the named settings as ksail.yaml overrides.</summary>
    public ClusterRequest ToRequest()
    {
        var request = new ClusterRequest
        {
            ConfigPath = ConfigPath,
            Overrides = Overrides(),
            KeepOnFailure = KeepOnFailure,
            IfExists = IfExists,
        };
        if (WorkingDirectory is not null)
        {
            request = request with { WorkingDirectory = Path.GetFullPath(WorkingDirectory) };
        }

        if (Environment is not null)
        {
            request = request with { Environment = Environment };
        }

        return request;
    }

    /// <summary>The ksail.yaml overrides, named by the extension that sets them (e.g. <c>SetWorkers</c>) for messages.</summary>
    private List<ConfigOverride> Overrides()
    {
        var overrides = Fields.Select(f => ConfigOverride.FromArgument(f.Key, f.Value, $"SetField({f.Key})")).ToList();
        void Add(string path, object? value, string setter)
        {
            if (value is not null)
            {
                overrides.Add(ConfigOverride.FromArgument(path, Convert.ToString(value, CultureInfo.InvariantCulture)!, setter));
            }
        }

        Add(ClusterFields.Name, Name, "SetName");
        Add(ClusterFields.Distribution, Distribution, "SetDistribution");
        Add(ClusterFields.DistributionConfig, DistributionConfig, "SetDistributionConfig");
        Add(ClusterFields.Provider, Provider, "SetProvider");
        Add(ClusterFields.ControlPlanes, ControlPlanes, "SetControlPlanes");
        Add(ClusterFields.Workers, Workers, "SetWorkers");
        Add(ClusterFields.Cni, Cni, "SetCni");
        Add(ClusterFields.Csi, Csi, "SetCsi");
        Add(ClusterFields.MetricsServer, MetricsServer, "SetMetricsServer");
        Add(ClusterFields.LoadBalancer, LoadBalancer, "SetLoadBalancer");
        Add(ClusterFields.CertManager, CertManager, "SetCertManager");
        Add(ClusterFields.PolicyEngine, PolicyEngine, "SetPolicyEngine");
        Add(ClusterFields.GitOpsEngine, GitOpsEngine, "SetGitOpsEngine");
        Add(ClusterFields.Kubeconfig, Kubeconfig, "SetKubeconfig");
        Add(ClusterFields.Timeout, Timeout, "SetTimeout");
        Add(ClusterFields.Teardown, Teardown, "SetTeardown");
        return overrides;
    }
}
