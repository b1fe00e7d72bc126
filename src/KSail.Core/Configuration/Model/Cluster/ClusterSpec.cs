using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Cluster configures the Kubernetes cluster KSail manages: distribution, provider, components, and connection settings.</summary>
[Description("Cluster configures the Kubernetes cluster KSail manages: distribution, provider, components, and connection settings.")]
public sealed class ClusterSpec
{
    /// <summary>Path to the distribution's own configuration file or directory (e.g. kind.yaml, k3d.yaml, talos/, vcluster.yaml, kwok/, eks.yaml, gke.yaml, or aks.yaml). CLI-only; ignored by the operator.</summary>
    [Description("Path to the distribution's own configuration file or directory (e.g. kind.yaml, k3d.yaml, talos/, vcluster.yaml, kwok/, eks.yaml, gke.yaml, or aks.yaml). CLI-only; ignored by the operator.")]
    [JsonPropertyName("distributionConfig")]
    public string? DistributionConfig { get; set; }

    /// <summary>Connection defines how KSail connects to the cluster: the kubeconfig path, context name, and operation timeout. CLI-only (local kubeconfig path/context); ignored by the operator.</summary>
    [Description("Connection defines how KSail connects to the cluster: the kubeconfig path, context name, and operation timeout. CLI-only (local kubeconfig path/context); ignored by the operator.")]
    [JsonPropertyName("connection")]
    public Connection? Connection { get; set; }

    /// <summary>Distribution selects the Kubernetes distribution to provision: Vanilla (Kind), K3s (K3d), Talos, VCluster, KWOK (simulated), EKS (AWS), GKE (Google Cloud), or AKS (Azure).</summary>
    [Description("Distribution selects the Kubernetes distribution to provision: Vanilla (Kind), K3s (K3d), Talos, VCluster, KWOK (simulated), EKS (AWS), GKE (Google Cloud), or AKS (Azure).")]
    [JsonPropertyName("distribution")]
    public Distribution? Distribution { get; set; }

    /// <summary>Provider selects the infrastructure that runs the cluster nodes: Docker, Hetzner, Omni, AWS, GCP, Azure, or Kubernetes (nested clusters inside an existing cluster). Each distribution supports a subset of providers; when empty, KSail uses the distribution's default provider.</summary>
    [Description("Provider selects the infrastructure that runs the cluster nodes: Docker, Hetzner, Omni, AWS, GCP, Azure, or Kubernetes (nested clusters inside an existing cluster). Each distribution supports a subset of providers; when empty, KSail uses the distribution's default provider.")]
    [JsonPropertyName("provider")]
    public Provider? Provider { get; set; }

    /// <summary>CNI selects the Container Network Interface plugin. Default keeps the distribution's built-in CNI; Cilium or Calico install that CNI instead.</summary>
    [Description("CNI selects the Container Network Interface plugin. Default keeps the distribution's built-in CNI; Cilium or Calico install that CNI instead.")]
    [JsonPropertyName("cni")]
    public Cni? Cni { get; set; }

    /// <summary>CSI controls Container Storage Interface support. Default keeps the distribution's behavior; Enabled installs a CSI driver (local-path-provisioner, or Hetzner CSI on Hetzner); Disabled installs none.</summary>
    [Description("CSI controls Container Storage Interface support. Default keeps the distribution's behavior; Enabled installs a CSI driver (local-path-provisioner, or Hetzner CSI on Hetzner); Disabled installs none.")]
    [JsonPropertyName("csi")]
    public Toggle? Csi { get; set; }

    /// <summary>CDI controls Container Device Interface support in the container runtime (Default, Enabled, or Disabled).</summary>
    [Description("CDI controls Container Device Interface support in the container runtime (Default, Enabled, or Disabled).")]
    [JsonPropertyName("cdi")]
    public Toggle? Cdi { get; set; }

    /// <summary>MetricsServer controls metrics-server installation. Default keeps the distribution's behavior; Enabled or Disabled override it.</summary>
    [Description("MetricsServer controls metrics-server installation. Default keeps the distribution's behavior; Enabled or Disabled override it.")]
    [JsonPropertyName("metricsServer")]
    public Toggle? MetricsServer { get; set; }

    /// <summary>LoadBalancer controls load-balancer support. Default keeps the distribution and provider behavior; Enabled or Disabled override it.</summary>
    [Description("LoadBalancer controls load-balancer support. Default keeps the distribution and provider behavior; Enabled or Disabled override it.")]
    [JsonPropertyName("loadBalancer")]
    public Toggle? LoadBalancer { get; set; }

    /// <summary>CertManager controls whether cert-manager is installed (Enabled or Disabled).</summary>
    [Description("CertManager controls whether cert-manager is installed (Enabled or Disabled).")]
    [JsonPropertyName("certManager")]
    public EnabledDisabled? CertManager { get; set; }

    /// <summary>Container-image signature verification scaffolding for all distributions: Talos scaffolds an ImageVerificationConfig document (1.13+); Vanilla/Kind injects a containerd verifier plugin patch; K3s/K3d scaffolds a containerd config template and mounts it into node containers. Requires verifier binaries (and typically policy) in the node image bin_dir. Disabled skips it.</summary>
    [Description("Container-image signature verification scaffolding for all distributions: Talos scaffolds an ImageVerificationConfig document (1.13+); Vanilla/Kind injects a containerd verifier plugin patch; K3s/K3d scaffolds a containerd config template and mounts it into node containers. Requires verifier binaries (and typically policy) in the node image bin_dir. Disabled skips it.")]
    [JsonPropertyName("imageVerification")]
    public EnabledDisabled? ImageVerification { get; set; }

    /// <summary>PolicyEngine selects the policy engine to install: None, Kyverno, or Gatekeeper.</summary>
    [Description("PolicyEngine selects the policy engine to install: None, Kyverno, or Gatekeeper.")]
    [JsonPropertyName("policyEngine")]
    public PolicyEngine? PolicyEngine { get; set; }

    /// <summary>LocalRegistry configures the host-local OCI registry (or an external registry for cloud providers) used by GitOps workflows.</summary>
    [Description("LocalRegistry configures the host-local OCI registry (or an external registry for cloud providers) used by GitOps workflows.")]
    [JsonPropertyName("localRegistry")]
    public LocalRegistry? LocalRegistry { get; set; }

    /// <summary>GitOpsEngine selects the GitOps engine KSail bootstraps: None, Flux, or ArgoCD.</summary>
    [Description("GitOpsEngine selects the GitOps engine KSail bootstraps: None, Flux, or ArgoCD.")]
    [JsonPropertyName("gitOpsEngine")]
    public GitOpsEngine? GitOpsEngine { get; set; }

    /// <summary>SOPS configures automatic creation of the SOPS Age secret used to decrypt encrypted manifests in the cluster.</summary>
    [Description("SOPS configures automatic creation of the SOPS Age secret used to decrypt encrypted manifests in the cluster.")]
    [JsonPropertyName("sops")]
    public SopsOptions? Sops { get; set; }

    /// <summary>Deprecated. Use autoscaler.node.enabled instead. Do not set both nodeAutoscaling and autoscaler.</summary>
    [Description("Deprecated. Use autoscaler.node.enabled instead. Do not set both nodeAutoscaling and autoscaler.")]
    [JsonPropertyName("nodeAutoscaling")]
    public EnabledDisabled? NodeAutoscaling { get; set; }

    /// <summary>Pod and node autoscaling configuration (supersedes deprecated nodeAutoscaling)</summary>
    [Description("Pod and node autoscaling configuration (supersedes deprecated nodeAutoscaling)")]
    [JsonPropertyName("autoscaler")]
    public AutoscalerOptions? Autoscaler { get; set; }

    /// <summary>Path to tar archive with container images to import after cluster creation but before component installation</summary>
    [Description("Path to tar archive with container images to import after cluster creation but before component installation")]
    [JsonPropertyName("importImages")]
    public string? ImportImages { get; set; }

    /// <summary>Number of control-plane nodes to create for the cluster (provider/distribution-agnostic)</summary>
    [Description("Number of control-plane nodes to create for the cluster (provider/distribution-agnostic)")]
    [JsonPropertyName("controlPlanes")]
    public int? ControlPlanes { get; set; }

    /// <summary>Number of worker nodes to create for the cluster (provider/distribution-agnostic)</summary>
    [Description("Number of worker nodes to create for the cluster (provider/distribution-agnostic)")]
    [JsonPropertyName("workers")]
    public int? Workers { get; set; }

    /// <summary>Kubernetes version to deploy. When set: cluster create/update reconcile toward it. When unset: cluster update follows the latest stable version and new clusters use a default compatible with the pinned Talos version.</summary>
    [Description("Kubernetes version to deploy. When set: cluster create/update reconcile toward it. When unset: cluster update follows the latest stable version and new clusters use a default compatible with the pinned Talos version.")]
    [JsonPropertyName("kubernetesVersion")]
    public string? KubernetesVersion { get; set; }

    /// <summary>OIDC authentication configuration for the API server and kubeconfig</summary>
    [Description("OIDC authentication configuration for the API server and kubeconfig")]
    [JsonPropertyName("oidc")]
    public OidcOptions? Oidc { get; set; }

    /// <summary>Vanilla holds options specific to the Vanilla (Kind) distribution.</summary>
    [Description("Vanilla holds options specific to the Vanilla (Kind) distribution.")]
    [JsonPropertyName("vanilla")]
    public VanillaOptions? Vanilla { get; set; }

    /// <summary>Talos holds options specific to the Talos distribution.</summary>
    [Description("Talos holds options specific to the Talos distribution.")]
    [JsonPropertyName("talos")]
    public TalosOptions? Talos { get; set; }

    /// <summary>EKS holds options specific to the EKS distribution.</summary>
    [Description("EKS holds options specific to the EKS distribution.")]
    [JsonPropertyName("eks")]
    public EksOptions? Eks { get; set; }

    /// <summary>Per-phase time limits (a KSail.NET field; KSail files simply lack it).</summary>
    [Description("Per-phase time limits, as Go durations such as 90s or 5m (KSail.NET only).")]
    [JsonPropertyName("timeouts")]
    public PhaseTimeouts? Timeouts { get; set; }

    /// <summary>What happens to the cluster when the run that created it ends (a KSail.NET field).</summary>
    [Description("What happens to the cluster when the run that created it ends: Always (default), OnSuccess (kept for debugging when the run failed) or Never (KSail.NET only).")]
    [JsonPropertyName("teardown")]
    public TeardownPolicy? Teardown { get; set; }
}
