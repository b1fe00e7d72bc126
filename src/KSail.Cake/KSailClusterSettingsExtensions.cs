using Cake.Core.IO;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>Fluent setters for <see cref="KSailClusterSettings"/>, in Cake's style: each sets a field and returns the same settings.</summary>
public static class KSailClusterSettingsExtensions
{
    /// <summary>Uses this ksail.yaml.</summary>
    public static KSailClusterSettings WithConfigFile(this KSailClusterSettings settings, FilePath configFile) => Set(settings, s => s.ConfigFile = configFile);

    /// <summary>Starts relative paths (and the search for ksail.yaml) in this directory.</summary>
    public static KSailClusterSettings WithWorkingDirectory(this KSailClusterSettings settings, DirectoryPath workingDirectory) => Set(settings, s => s.WorkingDirectory = workingDirectory);

    /// <summary>Sets the cluster name (<c>metadata.name</c>).</summary>
    public static KSailClusterSettings WithName(this KSailClusterSettings settings, string name) => Set(settings, s => s.Name = name);

    /// <summary>Sets the distribution, e.g. <c>K3s</c> (<c>spec.cluster.distribution</c>).</summary>
    public static KSailClusterSettings WithDistribution(this KSailClusterSettings settings, string distribution) => Set(settings, s => s.Distribution = distribution);

    /// <summary>Sets the native config file, kind.yaml or k3d.yaml (<c>spec.cluster.distributionConfig</c>).</summary>
    public static KSailClusterSettings WithDistributionConfig(this KSailClusterSettings settings, FilePath distributionConfig) => Set(settings, s => s.DistributionConfig = distributionConfig);

    /// <summary>Sets where nodes run (<c>spec.cluster.provider</c>).</summary>
    public static KSailClusterSettings WithProvider(this KSailClusterSettings settings, string provider) => Set(settings, s => s.Provider = provider);

    /// <summary>Sets the number of control-plane nodes (<c>spec.cluster.controlPlanes</c>).</summary>
    public static KSailClusterSettings WithControlPlanes(this KSailClusterSettings settings, int controlPlanes) => Set(settings, s => s.ControlPlanes = controlPlanes);

    /// <summary>Sets the number of worker nodes (<c>spec.cluster.workers</c>).</summary>
    public static KSailClusterSettings WithWorkers(this KSailClusterSettings settings, int workers) => Set(settings, s => s.Workers = workers);

    /// <summary>Sets the CNI (<c>spec.cluster.cni</c>).</summary>
    public static KSailClusterSettings WithCni(this KSailClusterSettings settings, string cni) => Set(settings, s => s.Cni = cni);

    /// <summary>Sets CSI (<c>spec.cluster.csi</c>).</summary>
    public static KSailClusterSettings WithCsi(this KSailClusterSettings settings, string csi) => Set(settings, s => s.Csi = csi);

    /// <summary>Sets metrics-server (<c>spec.cluster.metricsServer</c>).</summary>
    public static KSailClusterSettings WithMetricsServer(this KSailClusterSettings settings, string metricsServer) => Set(settings, s => s.MetricsServer = metricsServer);

    /// <summary>Sets the load balancer (<c>spec.cluster.loadBalancer</c>).</summary>
    public static KSailClusterSettings WithLoadBalancer(this KSailClusterSettings settings, string loadBalancer) => Set(settings, s => s.LoadBalancer = loadBalancer);

    /// <summary>Sets cert-manager (<c>spec.cluster.certManager</c>).</summary>
    public static KSailClusterSettings WithCertManager(this KSailClusterSettings settings, string certManager) => Set(settings, s => s.CertManager = certManager);

    /// <summary>Sets the policy engine (<c>spec.cluster.policyEngine</c>).</summary>
    public static KSailClusterSettings WithPolicyEngine(this KSailClusterSettings settings, string policyEngine) => Set(settings, s => s.PolicyEngine = policyEngine);

    /// <summary>Sets the GitOps engine (<c>spec.cluster.gitOpsEngine</c>).</summary>
    public static KSailClusterSettings WithGitOpsEngine(this KSailClusterSettings settings, string gitOpsEngine) => Set(settings, s => s.GitOpsEngine = gitOpsEngine);

    /// <summary>Sets the kubeconfig file the context is written to (<c>spec.cluster.connection.kubeconfig</c>).</summary>
    public static KSailClusterSettings WithKubeconfig(this KSailClusterSettings settings, FilePath kubeconfig) => Set(settings, s => s.Kubeconfig = kubeconfig);

    /// <summary>Sets the overall time limit of a step (<c>spec.cluster.connection.timeout</c>).</summary>
    public static KSailClusterSettings WithTimeout(this KSailClusterSettings settings, TimeSpan timeout) => Set(settings, s => s.Timeout = timeout);

    /// <summary>Keeps (or not) what was created when a step of the create fails.</summary>
    public static KSailClusterSettings WithKeepOnFailure(this KSailClusterSettings settings, bool keepOnFailure = true) => Set(settings, s => s.KeepOnFailure = keepOnFailure);

    /// <summary>Sets what a create does when a cluster of that name exists.</summary>
    public static KSailClusterSettings WithIfExists(this KSailClusterSettings settings, ExistingClusterPolicy ifExists) => Set(settings, s => s.IfExists = ifExists);

    /// <summary>Sets any ksail.yaml field by its dotted path, e.g. <c>SetValue("spec.workload.sourceDirectory", "deploy")</c>.</summary>
    public static KSailClusterSettings SetValue(this KSailClusterSettings settings, string path, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(value);
        return Set(settings, s => s.Values[path] = value);
    }

    private static KSailClusterSettings Set(KSailClusterSettings settings, Action<KSailClusterSettings> set)
    {
        ArgumentNullException.ThrowIfNull(settings);
        set(settings);
        return settings;
    }
}
