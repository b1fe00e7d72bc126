// The ksail.yaml model: KSail's ksail.io/v1alpha1 Cluster schema, field for field, so a file
// written for KSail loads unchanged. Every property is nullable: null means "not set in the
// file", which the loader needs to tell an explicit choice from a default.
using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>JSON schema for KSail cluster configuration (ksail.yaml)</summary>
[Description("JSON schema for KSail cluster configuration (ksail.yaml)")]
public sealed class KSailClusterConfig
{
    /// <summary>kind</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>apiVersion</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>metadata</summary>
    [JsonPropertyName("metadata")]
    public ClusterMetadata? Metadata { get; set; }

    /// <summary>spec</summary>
    [JsonPropertyName("spec")]
    public Spec? Spec { get; set; }
}

/// <summary>ClusterMetadata</summary>
public sealed class ClusterMetadata
{
    /// <summary>Cluster name (DNS-1123 compliant: lowercase letters, numbers, and hyphens; must start with a letter and must not end with a hyphen).</summary>
    [Description("Cluster name (DNS-1123 compliant: lowercase letters, numbers, and hyphens; must start with a letter and must not end with a hyphen).")]
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>Spec</summary>
public sealed class Spec
{
    /// <summary>Editor command for interactive workflows (e.g. code --wait). CLI-only; ignored by the operator.</summary>
    [Description("Editor command for interactive workflows (e.g. code --wait). CLI-only; ignored by the operator.")]
    [JsonPropertyName("editor")]
    public string? Editor { get; set; }

    /// <summary>Cluster configures the Kubernetes cluster KSail manages: distribution, provider, components, and connection settings.</summary>
    [Description("Cluster configures the Kubernetes cluster KSail manages: distribution, provider, components, and connection settings.")]
    [JsonPropertyName("cluster")]
    public ClusterSpec? Cluster { get; set; }

    /// <summary>Provider holds infrastructure-provider-specific options (Hetzner, Omni, AWS, GCP, Azure, and the Kubernetes provider for nested clusters).</summary>
    [Description("Provider holds infrastructure-provider-specific options (Hetzner, Omni, AWS, GCP, Azure, and the Kubernetes provider for nested clusters).")]
    [JsonPropertyName("provider")]
    public ProviderSpec? Provider { get; set; }

    /// <summary>Workload configures workload management: the manifest source directory, OCI push and validation settings, and GitOps bootstrap options.</summary>
    [Description("Workload configures workload management: the manifest source directory, OCI push and validation settings, and GitOps bootstrap options.")]
    [JsonPropertyName("workload")]
    public WorkloadSpec? Workload { get; set; }

    /// <summary>Chat configures the KSail AI chat assistant. CLI-only; ignored by the operator (the Cluster CRD shares this type but never reads it).</summary>
    [Description("Chat configures the KSail AI chat assistant. CLI-only; ignored by the operator (the Cluster CRD shares this type but never reads it).")]
    [JsonPropertyName("chat")]
    public ChatSpec? Chat { get; set; }
}

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

/// <summary>Connection defines how KSail connects to the cluster: the kubeconfig path, context name, and operation timeout. CLI-only (local kubeconfig path/context); ignored by the operator.</summary>
[Description("Connection defines how KSail connects to the cluster: the kubeconfig path, context name, and operation timeout. CLI-only (local kubeconfig path/context); ignored by the operator.")]
public sealed class Connection
{
    /// <summary>Kubeconfig is the path to the kubeconfig file KSail reads and writes. Defaults to "~/.kube/config".</summary>
    [Description("Kubeconfig is the path to the kubeconfig file KSail reads and writes. Defaults to \"~/.kube/config\".")]
    [JsonPropertyName("kubeconfig")]
    public string? Kubeconfig { get; set; }

    /// <summary>Context is the kubeconfig context for the cluster. When empty, KSail derives it from the distribution and cluster name (e.g. "kind-kind").</summary>
    [Description("Context is the kubeconfig context for the cluster. When empty, KSail derives it from the distribution and cluster name (e.g. \"kind-kind\").")]
    [JsonPropertyName("context")]
    public string? Context { get; set; }

    /// <summary>Timeout is the maximum time KSail waits for cluster operations to complete (e.g. "5m").</summary>
    [Description("Timeout is the maximum time KSail waits for cluster operations to complete (e.g. \"5m\").")]
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }
}

/// <summary>LocalRegistry configures the host-local OCI registry (or an external registry for cloud providers) used by GitOps workflows.</summary>
[Description("LocalRegistry configures the host-local OCI registry (or an external registry for cloud providers) used by GitOps workflows.")]
public sealed class LocalRegistry
{
    /// <summary>Registry is the full registry specification in the format: [user:pass@]host[:port][/path] When populated, enables registry integration for GitOps workflows. Examples:   - "localhost:5050" (local Docker registry)   - "ghcr.io/myorg/myrepo" (GitHub Container Registry with path)   - "${USER}:${PASS}@ghcr.io:443/myorg" (with credentials from env vars) Credentials support ${ENV_VAR} placeholders for environment variable expansion.</summary>
    [Description("Registry is the full registry specification in the format: [user:pass@]host[:port][/path] When populated, enables registry integration for GitOps workflows. Examples:   - \"localhost:5050\" (local Docker registry)   - \"ghcr.io/myorg/myrepo\" (GitHub Container Registry with path)   - \"${USER}:${PASS}@ghcr.io:443/myorg\" (with credentials from env vars) Credentials support ${ENV_VAR} placeholders for environment variable expansion.")]
    [JsonPropertyName("registry")]
    public string? Registry { get; set; }

    /// <summary>Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.</summary>
    [Description("Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.")]
    [JsonPropertyName("credentials")]
    public LocalRegistryCredentials? Credentials { get; set; }
}

/// <summary>Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.</summary>
[Description("Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.")]
public sealed class LocalRegistryCredentials
{
    /// <summary>TokenEnvVar is the environment variable holding the registry token used by both push and pull paths unless a path-specific override is configured. Example: "GHCR_TOKEN".</summary>
    [Description("TokenEnvVar is the environment variable holding the registry token used by both push and pull paths unless a path-specific override is configured. Example: \"GHCR_TOKEN\".")]
    [JsonPropertyName("tokenEnvVar")]
    public string? TokenEnvVar { get; set; }

    /// <summary>CLITokenEnvVar overrides TokenEnvVar for CLI and publish (push) paths. Example: "GHCR_PUSH_TOKEN".</summary>
    [Description("CLITokenEnvVar overrides TokenEnvVar for CLI and publish (push) paths. Example: \"GHCR_PUSH_TOKEN\".")]
    [JsonPropertyName("cliTokenEnvVar")]
    public string? CliTokenEnvVar { get; set; }

    /// <summary>ClusterTokenEnvVar overrides TokenEnvVar for cluster-side pull paths, so the token persisted into the cluster can be pull-only. Example: "GHCR_PULL_TOKEN".</summary>
    [Description("ClusterTokenEnvVar overrides TokenEnvVar for cluster-side pull paths, so the token persisted into the cluster can be pull-only. Example: \"GHCR_PULL_TOKEN\".")]
    [JsonPropertyName("clusterTokenEnvVar")]
    public string? ClusterTokenEnvVar { get; set; }
}

/// <summary>SOPS configures automatic creation of the SOPS Age secret used to decrypt encrypted manifests in the cluster.</summary>
[Description("SOPS configures automatic creation of the SOPS Age secret used to decrypt encrypted manifests in the cluster.")]
public sealed class SopsOptions
{
    /// <summary>Deprecated: Use Env.Var instead. AgeKeyEnvVar is the name of the environment variable containing the Age private key. Kept for backward compatibility. When Env.Var is set, it takes priority over AgeKeyEnvVar.</summary>
    [Description("Deprecated: Use Env.Var instead. AgeKeyEnvVar is the name of the environment variable containing the Age private key. Kept for backward compatibility. When Env.Var is set, it takes priority over AgeKeyEnvVar.")]
    [JsonPropertyName("ageKeyEnvVar")]
    public string? AgeKeyEnvVar { get; set; }

    /// <summary>Whether the SOPS Age secret is created. Default auto-detects (creates only when an Age key is found); Enabled requires a key (errors if missing); Disabled skips creation. A YAML boolean is accepted as an alias (true=Enabled, false=Disabled).</summary>
    [Description("Whether the SOPS Age secret is created. Default auto-detects (creates only when an Age key is found); Enabled requires a key (errors if missing); Disabled skips creation. A YAML boolean is accepted as an alias (true=Enabled, false=Disabled).")]
    [JsonPropertyName("enabled")]
    public Toggle? Enabled { get; set; }

    /// <summary>Env configures the environment variable source for the Age private key.</summary>
    [Description("Env configures the environment variable source for the Age private key.")]
    [JsonPropertyName("env")]
    public SopsEnvSource? Env { get; set; }

    /// <summary>Extract configures extraction of Age private keys from a key file.</summary>
    [Description("Extract configures extraction of Age private keys from a key file.")]
    [JsonPropertyName("extract")]
    public SopsExtractSource? Extract { get; set; }
}

/// <summary>Env configures the environment variable source for the Age private key.</summary>
[Description("Env configures the environment variable source for the Age private key.")]
public sealed class SopsEnvSource
{
    /// <summary>Var is the name of the environment variable containing the Age private key. When set, takes priority over SOPS.AgeKeyEnvVar. Leave empty to fall back to AgeKeyEnvVar (default: "SOPS_AGE_KEY").</summary>
    [Description("Var is the name of the environment variable containing the Age private key. When set, takes priority over SOPS.AgeKeyEnvVar. Leave empty to fall back to AgeKeyEnvVar (default: \"SOPS_AGE_KEY\").")]
    [JsonPropertyName("var")]
    public string? Var { get; set; }
}

/// <summary>Extract configures extraction of Age private keys from a key file.</summary>
[Description("Extract configures extraction of Age private keys from a key file.")]
public sealed class SopsExtractSource
{
    /// <summary>File is the path to the Age key file (absolute or relative to the working directory). Defaults to the OS-specific SOPS age key path when empty.</summary>
    [Description("File is the path to the Age key file (absolute or relative to the working directory). Defaults to the OS-specific SOPS age key path when empty.")]
    [JsonPropertyName("file")]
    public string? File { get; set; }

    /// <summary>PublicKeys is a list of Age public keys (age1...) used to select which private keys to include in the SOPS secret. For each private key in the key file, its public key is derived and compared against this list. Only matching private keys are included. When empty (default), all private keys from the file are included.</summary>
    [Description("PublicKeys is a list of Age public keys (age1...) used to select which private keys to include in the SOPS secret. For each private key in the key file, its public key is derived and compared against this list. Only matching private keys are included. When empty (default), all private keys from the file are included.")]
    [JsonPropertyName("publicKeys")]
    public List<string>? PublicKeys { get; set; }
}

/// <summary>Pod and node autoscaling configuration (supersedes deprecated nodeAutoscaling)</summary>
[Description("Pod and node autoscaling configuration (supersedes deprecated nodeAutoscaling)")]
public sealed class AutoscalerOptions
{
    /// <summary>Pod configures pod-level autoscaling (horizontal and vertical).</summary>
    [Description("Pod configures pod-level autoscaling (horizontal and vertical).")]
    [JsonPropertyName("pod")]
    public PodAutoscalerOptions? Pod { get; set; }

    /// <summary>Node configures node-level autoscaling via the Cluster Autoscaler.</summary>
    [Description("Node configures node-level autoscaling via the Cluster Autoscaler.")]
    [JsonPropertyName("node")]
    public NodeAutoscalerOptions? Node { get; set; }
}

/// <summary>Pod configures pod-level autoscaling (horizontal and vertical).</summary>
[Description("Pod configures pod-level autoscaling (horizontal and vertical).")]
public sealed class PodAutoscalerOptions
{
    /// <summary>Horizontal controls Horizontal Pod Autoscaler (HPA) support.</summary>
    [Description("Horizontal controls Horizontal Pod Autoscaler (HPA) support.")]
    [JsonPropertyName("horizontal")]
    public EnabledDisabled? Horizontal { get; set; }

    /// <summary>Vertical controls Vertical Pod Autoscaler (VPA) support.</summary>
    [Description("Vertical controls Vertical Pod Autoscaler (VPA) support.")]
    [JsonPropertyName("vertical")]
    public EnabledDisabled? Vertical { get; set; }
}

/// <summary>Node configures node-level autoscaling via the Cluster Autoscaler.</summary>
[Description("Node configures node-level autoscaling via the Cluster Autoscaler.")]
public sealed class NodeAutoscalerOptions
{
    /// <summary>Whether the Cluster Autoscaler is installed to manage worker node counts dynamically (Enabled or Disabled). A YAML boolean is accepted as an alias (true=Enabled, false=Disabled).</summary>
    [Description("Whether the Cluster Autoscaler is installed to manage worker node counts dynamically (Enabled or Disabled). A YAML boolean is accepted as an alias (true=Enabled, false=Disabled).")]
    [JsonPropertyName("enabled")]
    public EnabledDisabled? Enabled { get; set; }

    /// <summary>Pools defines the node pools the Cluster Autoscaler may scale (Hetzner only).</summary>
    [Description("Pools defines the node pools the Cluster Autoscaler may scale (Hetzner only).")]
    [JsonPropertyName("pools")]
    public List<NodePool>? Pools { get; set; }

    /// <summary>Maximum total number of nodes in the cluster (control-planes + workers + autoscaler nodes). Passed verbatim to the cluster-autoscaler --max-nodes-total flag — the autoscaler evaluates it against the count of ALL nodes so this is the whole-cluster ceiling and not an autoscaler-only budget. Set to 0 to disable the global cap; growth is then bounded only by the per-pool max values and serverLimit. A positive value should be &lt;= the effective serverLimit (serverLimit: 0 means its default limit of 10).</summary>
    [Description("Maximum total number of nodes in the cluster (control-planes + workers + autoscaler nodes). Passed verbatim to the cluster-autoscaler --max-nodes-total flag — the autoscaler evaluates it against the count of ALL nodes so this is the whole-cluster ceiling and not an autoscaler-only budget. Set to 0 to disable the global cap; growth is then bounded only by the per-pool max values and serverLimit. A positive value should be <= the effective serverLimit (serverLimit: 0 means its default limit of 10).")]
    [JsonPropertyName("maxNodesTotal")]
    public int? MaxNodesTotal { get; set; }

    /// <summary>Node expander strategy for the cluster autoscaler. Accepts either a single value (e.g. LeastWaste) or an ordered priority list (e.g. [LeastNodes, LeastWaste]) applied as a chain — the first expander filters node groups and each later one breaks the previous tie (upstream --expander=least-nodes,least-waste).</summary>
    [Description("Node expander strategy for the cluster autoscaler. Accepts either a single value (e.g. LeastWaste) or an ordered priority list (e.g. [LeastNodes, LeastWaste]) applied as a chain — the first expander filters node groups and each later one breaks the previous tie (upstream --expander=least-nodes,least-waste).")]
    [JsonPropertyName("expander")]
    public object? Expander { get; set; }

    /// <summary>How long a node should be unneeded before it is eligible for scale down (e.g. 10m)</summary>
    [Description("How long a node should be unneeded before it is eligible for scale down (e.g. 10m)")]
    [JsonPropertyName("scaleDownUnneededTime")]
    public string? ScaleDownUnneededTime { get; set; }

    /// <summary>Node resource-utilization ratio (0.0–1.0, computed over requests) at or below which the Cluster Autoscaler considers a node for scale down (upstream --scale-down-utilization-threshold, default 0.5). Passed verbatim; leave empty to inherit the upstream default. For agent-heavy clusters prefer ignoreDaemonsetsUtilization, which excludes DaemonSet requests from this calculation. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).</summary>
    [Description("Node resource-utilization ratio (0.0–1.0, computed over requests) at or below which the Cluster Autoscaler considers a node for scale down (upstream --scale-down-utilization-threshold, default 0.5). Passed verbatim; leave empty to inherit the upstream default. For agent-heavy clusters prefer ignoreDaemonsetsUtilization, which excludes DaemonSet requests from this calculation. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).")]
    [JsonPropertyName("scaleDownUtilizationThreshold")]
    public string? ScaleDownUtilizationThreshold { get; set; }

    /// <summary>Enable the Cluster Autoscaler capacity-buffers feature: KSail installs the CapacityBuffer CRD (capacitybuffers.autoscaling.x-k8s.io) and enables the buffer controller and pod-injection flags. CapacityBuffer resources then reserve scale-up headroom as virtual (pod-less) chunks simulated in autoscaler memory — a native replacement for low-priority balloon-pod overprovisioning. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true)</summary>
    [Description("Enable the Cluster Autoscaler capacity-buffers feature: KSail installs the CapacityBuffer CRD (capacitybuffers.autoscaling.x-k8s.io) and enables the buffer controller and pod-injection flags. CapacityBuffer resources then reserve scale-up headroom as virtual (pod-less) chunks simulated in autoscaler memory — a native replacement for low-priority balloon-pod overprovisioning. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true)")]
    [JsonPropertyName("capacityBuffers")]
    public bool? CapacityBuffers { get; set; }

    /// <summary>Exclude DaemonSet pods from a node's resource-utilization calculation when the Cluster Autoscaler decides whether a node is unneeded (upstream --ignore-daemonsets-utilization, off by default). Enable this when DaemonSets are system components (CNI, CSI, observability, security agents) whose per-node overhead should not keep an otherwise-empty node above the scale-down utilization threshold. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).</summary>
    [Description("Exclude DaemonSet pods from a node's resource-utilization calculation when the Cluster Autoscaler decides whether a node is unneeded (upstream --ignore-daemonsets-utilization, off by default). Enable this when DaemonSets are system components (CNI, CSI, observability, security agents) whose per-node overhead should not keep an otherwise-empty node above the scale-down utilization threshold. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).")]
    [JsonPropertyName("ignoreDaemonsetsUtilization")]
    public bool? IgnoreDaemonsetsUtilization { get; set; }

    /// <summary>Whether the Cluster Autoscaler refuses to scale down a node running a pod with local storage (emptyDir, hostPath, or a local PersistentVolume). Upstream --skip-nodes-with-local-storage defaults to true. Set false to let nodes whose only local storage is ephemeral scratch (emptyDir) be removed — required for overflow nodes to drain, since emptyDir is pervasive. Ensure durable data lives on real PVCs first. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).</summary>
    [Description("Whether the Cluster Autoscaler refuses to scale down a node running a pod with local storage (emptyDir, hostPath, or a local PersistentVolume). Upstream --skip-nodes-with-local-storage defaults to true. Set false to let nodes whose only local storage is ephemeral scratch (emptyDir) be removed — required for overflow nodes to drain, since emptyDir is pervasive. Ensure durable data lives on real PVCs first. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).")]
    [JsonPropertyName("skipNodesWithLocalStorage")]
    public bool? SkipNodesWithLocalStorage { get; set; }

    /// <summary>Whether the Cluster Autoscaler refuses to scale down a node running a non-DaemonSet kube-system pod that has no controlling PodDisruptionBudget. Upstream --skip-nodes-with-system-pods defaults to true. Set false to let overflow nodes hosting movable system Deployments drain — confirm those components tolerate eviction and carry PDBs first. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).</summary>
    [Description("Whether the Cluster Autoscaler refuses to scale down a node running a non-DaemonSet kube-system pod that has no controlling PodDisruptionBudget. Upstream --skip-nodes-with-system-pods defaults to true. Set false to let overflow nodes hosting movable system Deployments drain — confirm those components tolerate eviction and carry PDBs first. Ignored unless the node autoscaler is installed (Talos on Hetzner with enabled: true).")]
    [JsonPropertyName("skipNodesWithSystemPods")]
    public bool? SkipNodesWithSystemPods { get; set; }
}

/// <summary>NodePool defines a Hetzner node pool managed by the cluster autoscaler.</summary>
[Description("NodePool defines a Hetzner node pool managed by the cluster autoscaler.")]
public sealed class NodePool
{
    /// <summary>Name is the unique identifier for this node pool (DNS-1123 label).</summary>
    [Description("Name is the unique identifier for this node pool (DNS-1123 label).")]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>ServerType is the Hetzner server type for nodes in this pool (e.g. "cx23", "cax11").</summary>
    [Description("ServerType is the Hetzner server type for nodes in this pool (e.g. \"cx23\", \"cax11\").")]
    [JsonPropertyName("serverType")]
    public string? ServerType { get; set; }

    /// <summary>Location is the Hetzner datacenter location for this pool (e.g. "fsn1", "nbg1").</summary>
    [Description("Location is the Hetzner datacenter location for this pool (e.g. \"fsn1\", \"nbg1\").")]
    [JsonPropertyName("location")]
    public string? Location { get; set; }

    /// <summary>Min is the minimum number of nodes in this pool.</summary>
    [Description("Min is the minimum number of nodes in this pool.")]
    [JsonPropertyName("min")]
    public int? Min { get; set; }

    /// <summary>Max is the maximum number of nodes in this pool.</summary>
    [Description("Max is the maximum number of nodes in this pool.")]
    [JsonPropertyName("max")]
    public int? Max { get; set; }

    /// <summary>Kubernetes node labels applied to every node in this pool (via Talos machine.nodeLabels and the autoscaler scale-from-zero template).</summary>
    [Description("Kubernetes node labels applied to every node in this pool (via Talos machine.nodeLabels and the autoscaler scale-from-zero template).")]
    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Kubernetes node taints applied to every node in this pool (via Talos machine.nodeTaints and the autoscaler scale-from-zero template).</summary>
    [Description("Kubernetes node taints applied to every node in this pool (via Talos machine.nodeTaints and the autoscaler scale-from-zero template).")]
    [JsonPropertyName("taints")]
    public List<NodeTaint>? Taints { get; set; }
}

/// <summary>NodePoolTaint defines a Kubernetes node taint applied to every node in an autoscaler node pool.</summary>
[Description("NodePoolTaint defines a Kubernetes node taint applied to every node in an autoscaler node pool.")]
public sealed class NodeTaint
{
    /// <summary>Key is the taint key. Must be a valid Kubernetes label key (an optional DNS-subdomain prefix followed by a name segment).</summary>
    [Description("Key is the taint key. Must be a valid Kubernetes label key (an optional DNS-subdomain prefix followed by a name segment).")]
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>Value is the optional taint value.</summary>
    [Description("Value is the optional taint value.")]
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>Effect is the scheduling effect: NoSchedule, PreferNoSchedule, or NoExecute.</summary>
    [Description("Effect is the scheduling effect: NoSchedule, PreferNoSchedule, or NoExecute.")]
    [JsonPropertyName("effect")]
    public TaintEffect? Effect { get; set; }
}

/// <summary>OIDC authentication configuration for the API server and kubeconfig</summary>
[Description("OIDC authentication configuration for the API server and kubeconfig")]
public sealed class OidcOptions
{
    /// <summary>OIDC provider issuer URL</summary>
    [Description("OIDC provider issuer URL")]
    [JsonPropertyName("issuerURL")]
    public string? IssuerUrl { get; set; }

    /// <summary>OIDC client ID for kubectl</summary>
    [Description("OIDC client ID for kubectl")]
    [JsonPropertyName("clientID")]
    public string? ClientId { get; set; }

    /// <summary>Additional OIDC scopes beyond openid</summary>
    [Description("Additional OIDC scopes beyond openid")]
    [JsonPropertyName("extraScopes")]
    public List<string>? ExtraScopes { get; set; }

    /// <summary>JWT claim for username</summary>
    [Description("JWT claim for username")]
    [JsonPropertyName("usernameClaim")]
    public string? UsernameClaim { get; set; }

    /// <summary>Prefix for OIDC usernames</summary>
    [Description("Prefix for OIDC usernames")]
    [JsonPropertyName("usernamePrefix")]
    public string? UsernamePrefix { get; set; }

    /// <summary>JWT claim for groups</summary>
    [Description("JWT claim for groups")]
    [JsonPropertyName("groupsClaim")]
    public string? GroupsClaim { get; set; }

    /// <summary>Prefix for OIDC groups</summary>
    [Description("Prefix for OIDC groups")]
    [JsonPropertyName("groupsPrefix")]
    public string? GroupsPrefix { get; set; }

    /// <summary>CA cert path for self-signed OIDC</summary>
    [Description("CA cert path for self-signed OIDC")]
    [JsonPropertyName("caFile")]
    public string? CaFile { get; set; }
}

/// <summary>Vanilla holds options specific to the Vanilla (Kind) distribution.</summary>
[Description("Vanilla holds options specific to the Vanilla (Kind) distribution.")]
public sealed class VanillaOptions
{
    /// <summary>MirrorsDir is the directory for containerd host mirror configuration. Defaults to "kind/mirrors" if not specified.</summary>
    [Description("MirrorsDir is the directory for containerd host mirror configuration. Defaults to \"kind/mirrors\" if not specified.")]
    [JsonPropertyName("mirrorsDir")]
    public string? MirrorsDir { get; set; }
}

/// <summary>Talos holds options specific to the Talos distribution.</summary>
[Description("Talos holds options specific to the Talos distribution.")]
public sealed class TalosOptions
{
    /// <summary>Version pins the Talos OS (distribution) version used for cluster creation and upgrades. When set, KSail uses this version as the Docker container image tag and `cluster update` reconciles the cluster toward it (skipping downgrades). Accepts values with or without the "v" prefix (e.g., "v1.11.2" or "1.11.2"). When empty, `cluster create` uses KSail's built-in default version and `cluster update` follows the latest stable version available in the OCI registry. Override per invocation with the --distribution-version flag (precedence: flag &gt; env &gt; config &gt; default).</summary>
    [Description("Version pins the Talos OS (distribution) version used for cluster creation and upgrades. When set, KSail uses this version as the Docker container image tag and `cluster update` reconciles the cluster toward it (skipping downgrades). Accepts values with or without the \"v\" prefix (e.g., \"v1.11.2\" or \"1.11.2\"). When empty, `cluster create` uses KSail's built-in default version and `cluster update` follows the latest stable version available in the OCI registry. Override per invocation with the --distribution-version flag (precedence: flag > env > config > default).")]
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>DEPRECATED: use spec.cluster.controlPlanes instead</summary>
    [Description("DEPRECATED: use spec.cluster.controlPlanes instead")]
    [JsonPropertyName("controlPlanes")]
    public int? ControlPlanes { get; set; }

    /// <summary>DEPRECATED: use spec.cluster.workers instead</summary>
    [Description("DEPRECATED: use spec.cluster.workers instead")]
    [JsonPropertyName("workers")]
    public int? Workers { get; set; }

    /// <summary>Config is the path to the talosconfig file. Defaults to "~/.talos/config".</summary>
    [Description("Config is the path to the talosconfig file. Defaults to \"~/.talos/config\".")]
    [JsonPropertyName("config")]
    public string? Config { get; set; }

    /// <summary>ISO is the cloud provider's ISO/image ID for booting Talos Linux. Only used when targeting cloud providers (e.g., Hetzner Cloud). For Hetzner: See https://docs.hetzner.cloud/changelog for available Talos ISOs. Defaults to 125127 (Talos Linux 1.12.4 x86). The prior default 122630 (Talos 1.11.2) was removed from Hetzner on 2026-03-18. For ARM, look up the matching Talos ISO ID in the Hetzner Cloud Console (Images → ISOs). When SchematicID is set, ISO is ignored in favour of a pre-built snapshot.</summary>
    [Description("ISO is the cloud provider's ISO/image ID for booting Talos Linux. Only used when targeting cloud providers (e.g., Hetzner Cloud). For Hetzner: See https://docs.hetzner.cloud/changelog for available Talos ISOs. Defaults to 125127 (Talos Linux 1.12.4 x86). The prior default 122630 (Talos 1.11.2) was removed from Hetzner on 2026-03-18. For ARM, look up the matching Talos ISO ID in the Hetzner Cloud Console (Images → ISOs). When SchematicID is set, ISO is ignored in favour of a pre-built snapshot.")]
    [JsonPropertyName("iso")]
    public long? Iso { get; set; }

    /// <summary>SchematicID is the Talos factory schematic ID used to build a Hetzner snapshot image. When set, KSail uploads a Talos OS disk snapshot using this schematic ID and Version instead of booting from the cloud ISO specified in ISO. Obtain a schematic ID from https://factory.talos.dev. Only used when targeting cloud providers (e.g., Hetzner Cloud).</summary>
    [Description("SchematicID is the Talos factory schematic ID used to build a Hetzner snapshot image. When set, KSail uploads a Talos OS disk snapshot using this schematic ID and Version instead of booting from the cloud ISO specified in ISO. Obtain a schematic ID from https://factory.talos.dev. Only used when targeting cloud providers (e.g., Hetzner Cloud).")]
    [JsonPropertyName("schematicId")]
    public string? SchematicId { get; set; }

    /// <summary>Extensions lists Talos Image Factory official system extension names to include in the node image. KSail automatically computes the Image Factory schematic ID from this list and sets machine.install.image to the version-appropriate factory installer repository (`factory.talos.dev/installer` before Talos 1.14, `factory.talos.dev/metal-installer` for Talos 1.14+) using the Talos config bundle's existing install image tag. For Hetzner, the schematic is also used for snapshot building. Extension names follow the Image Factory convention (e.g., "siderolabs/iscsi-tools"). The Image Factory resolves extension versions automatically per Talos release. When SchematicID is also set, it takes precedence over Extensions.</summary>
    [Description("Extensions lists Talos Image Factory official system extension names to include in the node image. KSail automatically computes the Image Factory schematic ID from this list and sets machine.install.image to the version-appropriate factory installer repository (`factory.talos.dev/installer` before Talos 1.14, `factory.talos.dev/metal-installer` for Talos 1.14+) using the Talos config bundle's existing install image tag. For Hetzner, the schematic is also used for snapshot building. Extension names follow the Image Factory convention (e.g., \"siderolabs/iscsi-tools\"). The Image Factory resolves extension versions automatically per Talos release. When SchematicID is also set, it takes precedence over Extensions.")]
    [JsonPropertyName("extensions")]
    public List<string>? Extensions { get; set; }

    /// <summary>ExtraPortMappings defines additional port mappings from Docker containers to the host. Only used with the Docker provider. Useful on macOS where MetalLB virtual IPs are not accessible from the host because Docker runs in a Linux VM. Ports are exposed on the first control-plane node (when multiple control-planes are configured).</summary>
    [Description("ExtraPortMappings defines additional port mappings from Docker containers to the host. Only used with the Docker provider. Useful on macOS where MetalLB virtual IPs are not accessible from the host because Docker runs in a Linux VM. Ports are exposed on the first control-plane node (when multiple control-planes are configured).")]
    [JsonPropertyName("extraPortMappings")]
    public List<TalosPortMapping>? ExtraPortMappings { get; set; }

    /// <summary>DEPRECATED: use spec.cluster.imageVerification instead</summary>
    [Description("DEPRECATED: use spec.cluster.imageVerification instead")]
    [JsonPropertyName("imageVerification")]
    public EnabledDisabled? ImageVerification { get; set; }

    /// <summary>DrainTimeout is the per-node pod-eviction budget for rolling node drains during `cluster update` (rolling reboot and Hetzner server-type rolling-recreate). When unset, KSail uses 10m. Increase it for clusters whose stateful workloads need longer to evict gracefully — e.g. Longhorn volume rebuilds or database failovers gated by PodDisruptionBudgets. A drain that exceeds this budget aborts the update; re-run with --force-drain to delete pods bypassing PodDisruptionBudgets instead. Override per invocation with --drain-timeout. Example: "15m".</summary>
    [Description("DrainTimeout is the per-node pod-eviction budget for rolling node drains during `cluster update` (rolling reboot and Hetzner server-type rolling-recreate). When unset, KSail uses 10m. Increase it for clusters whose stateful workloads need longer to evict gracefully — e.g. Longhorn volume rebuilds or database failovers gated by PodDisruptionBudgets. A drain that exceeds this budget aborts the update; re-run with --force-drain to delete pods bypassing PodDisruptionBudgets instead. Override per invocation with --drain-timeout. Example: \"15m\".")]
    [JsonPropertyName("drainTimeout")]
    public string? DrainTimeout { get; set; }

    /// <summary>StorageHealthTimeout opts into a between-node storage-health gate during the `cluster update` rolling reboot. When set to a positive duration, the roll waits — up to this timeout — for the cluster's storage to return to a stable state before draining the next node: generically, no PersistentVolume in phase Failed, no PersistentVolumeClaim in phase Lost, and no VolumeAttachment with an attach/detach error; plus, when a replicated node-local storage backend is detected (Longhorn), no degraded or faulted replicated volume. This prevents progressively faulting volumes whose replicas are spread one-per-node: without the gate the roll advances as soon as a node reports Kubernetes Ready, so rebooting consecutive replica holders before a rebuild completes can take every replica of a volume down at once. Default off (unset / 0): behaviour is unchanged. The gate only helps when replicas have spare capacity to rebuild during the roll; on a fully drained pool with hard anti-affinity it times out (naming the stuck volumes) rather than hanging. Example: "10m".</summary>
    [Description("StorageHealthTimeout opts into a between-node storage-health gate during the `cluster update` rolling reboot. When set to a positive duration, the roll waits — up to this timeout — for the cluster's storage to return to a stable state before draining the next node: generically, no PersistentVolume in phase Failed, no PersistentVolumeClaim in phase Lost, and no VolumeAttachment with an attach/detach error; plus, when a replicated node-local storage backend is detected (Longhorn), no degraded or faulted replicated volume. This prevents progressively faulting volumes whose replicas are spread one-per-node: without the gate the roll advances as soon as a node reports Kubernetes Ready, so rebooting consecutive replica holders before a rebuild completes can take every replica of a volume down at once. Default off (unset / 0): behaviour is unchanged. The gate only helps when replicas have spare capacity to rebuild during the roll; on a fully drained pool with hard anti-affinity it times out (naming the stuck volumes) rather than hanging. Example: \"10m\".")]
    [JsonPropertyName("storageHealthTimeout")]
    public string? StorageHealthTimeout { get; set; }
}

/// <summary>PortMapping defines a mapping between a container port and a host port.</summary>
[Description("PortMapping defines a mapping between a container port and a host port.")]
public sealed class TalosPortMapping
{
    /// <summary>ContainerPort is the port inside the container.</summary>
    [Description("ContainerPort is the port inside the container.")]
    [JsonPropertyName("containerPort")]
    public int? ContainerPort { get; set; }

    /// <summary>HostPort is the port on the host. If 0, Docker assigns a random port.</summary>
    [Description("HostPort is the port on the host. If 0, Docker assigns a random port.")]
    [JsonPropertyName("hostPort")]
    public int? HostPort { get; set; }

    /// <summary>Protocol is the network protocol (TCP or UDP). Defaults to TCP.</summary>
    [Description("Protocol is the network protocol (TCP or UDP). Defaults to TCP.")]
    [JsonPropertyName("protocol")]
    public PortProtocol? Protocol { get; set; }
}

/// <summary>EKS holds options specific to the EKS distribution.</summary>
[Description("EKS holds options specific to the EKS distribution.")]
public sealed class EksOptions
{
    /// <summary>Experimental: install the AWS Load Balancer Controller when spec.cluster.loadBalancer is Enabled, replacing the default in-tree Classic Load Balancer path. Default false (nothing is installed). IAM permissions and subnet tags are prerequisites KSail does not create.</summary>
    [Description("Experimental: install the AWS Load Balancer Controller when spec.cluster.loadBalancer is Enabled, replacing the default in-tree Classic Load Balancer path. Default false (nothing is installed). IAM permissions and subnet tags are prerequisites KSail does not create.")]
    [JsonPropertyName("experimentalAWSLoadBalancerController")]
    public bool? ExperimentalAWSLoadBalancerController { get; set; }

    /// <summary>Name of a pre-created IRSA service account for the AWS Load Balancer Controller (AWS's documented Helm install path). When set the chart is installed with serviceAccount.create=false and this name; when empty the chart creates its own service account and IAM comes from node-role credentials. Only used with experimentalAWSLoadBalancerController.</summary>
    [Description("Name of a pre-created IRSA service account for the AWS Load Balancer Controller (AWS's documented Helm install path). When set the chart is installed with serviceAccount.create=false and this name; when empty the chart creates its own service account and IAM comes from node-role credentials. Only used with experimentalAWSLoadBalancerController.")]
    [JsonPropertyName("awsLoadBalancerControllerServiceAccount")]
    public string? AwsLoadBalancerControllerServiceAccount { get; set; }
}

/// <summary>Provider holds infrastructure-provider-specific options (Hetzner, Omni, AWS, GCP, Azure, and the Kubernetes provider for nested clusters).</summary>
[Description("Provider holds infrastructure-provider-specific options (Hetzner, Omni, AWS, GCP, Azure, and the Kubernetes provider for nested clusters).")]
public sealed class ProviderSpec
{
    /// <summary>Hetzner holds options for the Hetzner Cloud provider.</summary>
    [Description("Hetzner holds options for the Hetzner Cloud provider.")]
    [JsonPropertyName("hetzner")]
    public HetznerOptions? Hetzner { get; set; }

    /// <summary>Omni holds options for the Sidero Omni provider.</summary>
    [Description("Omni holds options for the Sidero Omni provider.")]
    [JsonPropertyName("omni")]
    public OmniOptions? Omni { get; set; }

    /// <summary>AWS holds options for the AWS provider used by the EKS distribution.</summary>
    [Description("AWS holds options for the AWS provider used by the EKS distribution.")]
    [JsonPropertyName("aws")]
    public AwsOptions? Aws { get; set; }

    /// <summary>GCP holds options for the Google Cloud provider used by the GKE distribution.</summary>
    [Description("GCP holds options for the Google Cloud provider used by the GKE distribution.")]
    [JsonPropertyName("gcp")]
    public GcpOptions? Gcp { get; set; }

    /// <summary>Azure holds options for the Microsoft Azure provider used by the AKS distribution.</summary>
    [Description("Azure holds options for the Microsoft Azure provider used by the AKS distribution.")]
    [JsonPropertyName("azure")]
    public AzureOptions? Azure { get; set; }

    /// <summary>Kubernetes holds options for the Kubernetes provider, which runs nested clusters as pods inside an existing host cluster.</summary>
    [Description("Kubernetes holds options for the Kubernetes provider, which runs nested clusters as pods inside an existing host cluster.")]
    [JsonPropertyName("kubernetes")]
    public KubernetesProviderOptions? Kubernetes { get; set; }
}

/// <summary>Hetzner holds options for the Hetzner Cloud provider.</summary>
[Description("Hetzner holds options for the Hetzner Cloud provider.")]
public sealed class HetznerOptions
{
    /// <summary>ControlPlaneServerType is the Hetzner server type for control-plane nodes. Examples: "cx23" (x86), "cax11" (ARM), "cpx21" (AMD). Defaults to "cx23".</summary>
    [Description("ControlPlaneServerType is the Hetzner server type for control-plane nodes. Examples: \"cx23\" (x86), \"cax11\" (ARM), \"cpx21\" (AMD). Defaults to \"cx23\".")]
    [JsonPropertyName("controlPlaneServerType")]
    public string? ControlPlaneServerType { get; set; }

    /// <summary>WorkerServerType is the Hetzner server type for worker nodes. Examples: "cx23" (x86), "cax11" (ARM), "cpx21" (AMD). Defaults to "cx23".</summary>
    [Description("WorkerServerType is the Hetzner server type for worker nodes. Examples: \"cx23\" (x86), \"cax11\" (ARM), \"cpx21\" (AMD). Defaults to \"cx23\".")]
    [JsonPropertyName("workerServerType")]
    public string? WorkerServerType { get; set; }

    /// <summary>Location is the Hetzner datacenter location. Examples: "fsn1" (Falkenstein), "nbg1" (Nuremberg), "hel1" (Helsinki). Defaults to "fsn1".</summary>
    [Description("Location is the Hetzner datacenter location. Examples: \"fsn1\" (Falkenstein), \"nbg1\" (Nuremberg), \"hel1\" (Helsinki). Defaults to \"fsn1\".")]
    [JsonPropertyName("location")]
    public string? Location { get; set; }

    /// <summary>NetworkName is the name of the private network to create or use. If empty, a network named "&lt;cluster-name&gt;-network" will be created.</summary>
    [Description("NetworkName is the name of the private network to create or use. If empty, a network named \"<cluster-name>-network\" will be created.")]
    [JsonPropertyName("networkName")]
    public string? NetworkName { get; set; }

    /// <summary>NetworkCIDR is the CIDR block for the private network. Defaults to "10.0.0.0/16".</summary>
    [Description("NetworkCIDR is the CIDR block for the private network. Defaults to \"10.0.0.0/16\".")]
    [JsonPropertyName("networkCidr")]
    public string? NetworkCidr { get; set; }

    /// <summary>SSHKeyName is the name of the SSH key to use for server access. The key must already exist in the Hetzner Cloud project. If empty, no SSH key is attached (only Talos API access).</summary>
    [Description("SSHKeyName is the name of the SSH key to use for server access. The key must already exist in the Hetzner Cloud project. If empty, no SSH key is attached (only Talos API access).")]
    [JsonPropertyName("sshKeyName")]
    public string? SshKeyName { get; set; }

    /// <summary>TokenEnvVar is the environment variable containing the Hetzner API token. Defaults to "HCLOUD_TOKEN".</summary>
    [Description("TokenEnvVar is the environment variable containing the Hetzner API token. Defaults to \"HCLOUD_TOKEN\".")]
    [JsonPropertyName("tokenEnvVar")]
    public string? TokenEnvVar { get; set; }

    /// <summary>PlacementGroupStrategy controls whether and how placement groups are used. "Spread" (default) distributes servers across different physical hosts for HA. "None" disables placement groups, useful when Hetzner resources are constrained. Note: Spread groups are limited to 10 servers per datacenter.</summary>
    [Description("PlacementGroupStrategy controls whether and how placement groups are used. \"Spread\" (default) distributes servers across different physical hosts for HA. \"None\" disables placement groups, useful when Hetzner resources are constrained. Note: Spread groups are limited to 10 servers per datacenter.")]
    [JsonPropertyName("placementGroupStrategy")]
    public PlacementGroupStrategy? PlacementGroupStrategy { get; set; }

    /// <summary>PlacementGroup is the name of the placement group for server distribution. If empty, a placement group named "&lt;cluster-name&gt;-placement" will be created. Only used when PlacementGroupStrategy is "Spread".</summary>
    [Description("PlacementGroup is the name of the placement group for server distribution. If empty, a placement group named \"<cluster-name>-placement\" will be created. Only used when PlacementGroupStrategy is \"Spread\".")]
    [JsonPropertyName("placementGroup")]
    public string? PlacementGroup { get; set; }

    /// <summary>Alternative datacenter locations to try when server creation in the primary location fails due to resource unavailability. When empty defaults to nbg1 and hel1 (both in the eu-central network zone matching the default fsn1 primary location).</summary>
    [Description("Alternative datacenter locations to try when server creation in the primary location fails due to resource unavailability. When empty defaults to nbg1 and hel1 (both in the eu-central network zone matching the default fsn1 primary location).")]
    [JsonPropertyName("fallbackLocations")]
    public List<string>? FallbackLocations { get; set; }

    /// <summary>PlacementGroupFallbackToNone allows automatic fallback to no placement group when spread placement constraints cannot be satisfied (e.g., due to datacenter capacity). When true and placement fails, retries server creation without a placement group. Defaults to false to preserve HA guarantees; set to true for best-effort provisioning.</summary>
    [Description("PlacementGroupFallbackToNone allows automatic fallback to no placement group when spread placement constraints cannot be satisfied (e.g., due to datacenter capacity). When true and placement fails, retries server creation without a placement group. Defaults to false to preserve HA guarantees; set to true for best-effort provisioning.")]
    [JsonPropertyName("placementGroupFallbackToNone")]
    public bool? PlacementGroupFallbackToNone { get; set; }

    /// <summary>Provision a Hetzner floating IP and render it as the stable Kubernetes/Talos API endpoint (endpoint + certificate SANs + a control-plane Talos VIP block for leader ownership handover; the hcloud API token is embedded in the control-plane machine config). Defaults to false.</summary>
    [Description("Provision a Hetzner floating IP and render it as the stable Kubernetes/Talos API endpoint (endpoint + certificate SANs + a control-plane Talos VIP block for leader ownership handover; the hcloud API token is embedded in the control-plane machine config). Defaults to false.")]
    [JsonPropertyName("floatingIPEnabled")]
    public bool? FloatingIPEnabled { get; set; }

    /// <summary>Hetzner location the floating IP is homed in (routing latency only). Defaults to the cluster's location.</summary>
    [Description("Hetzner location the floating IP is homed in (routing latency only). Defaults to the cluster's location.")]
    [JsonPropertyName("floatingIPLocation")]
    public string? FloatingIPLocation { get; set; }

    /// <summary>IngressFirewall controls the Talos OS-level ingress firewall configuration. When Enabled (default), KSail generates NetworkDefaultActionConfig and NetworkRuleConfig documents as Talos machine config patches, providing defense-in-depth at the node level independent of the Hetzner Cloud Firewall. See: https://www.talos.dev/latest/talos-guides/network/ingress-firewall/</summary>
    [Description("IngressFirewall controls the Talos OS-level ingress firewall configuration. When Enabled (default), KSail generates NetworkDefaultActionConfig and NetworkRuleConfig documents as Talos machine config patches, providing defense-in-depth at the node level independent of the Hetzner Cloud Firewall. See: https://www.talos.dev/latest/talos-guides/network/ingress-firewall/")]
    [JsonPropertyName("ingressFirewall")]
    public EnabledDisabled? IngressFirewall { get; set; }

    /// <summary>Maximum total Hetzner servers allowed for this cluster — the account/project quota. Validation rejects configs whose reachable total (control-planes + workers + pool capacity clamped by autoscaler.node.maxNodesTotal when set) exceeds it. Set to 0 to use the default limit of 10</summary>
    [Description("Maximum total Hetzner servers allowed for this cluster — the account/project quota. Validation rejects configs whose reachable total (control-planes + workers + pool capacity clamped by autoscaler.node.maxNodesTotal when set) exceeds it. Set to 0 to use the default limit of 10")]
    [JsonPropertyName("serverLimit")]
    public int? ServerLimit { get; set; }

    /// <summary>CIDR blocks allowed to access the Kubernetes API and Talos API on control-plane nodes. When empty defaults to 0.0.0.0/0 and ::/0 (open to all IPv4 and IPv6).</summary>
    [Description("CIDR blocks allowed to access the Kubernetes API and Talos API on control-plane nodes. When empty defaults to 0.0.0.0/0 and ::/0 (open to all IPv4 and IPv6).")]
    [JsonPropertyName("allowedCidrs")]
    public List<string>? AllowedCidrs { get; set; }

    /// <summary>Assign a public IPv4 to worker nodes. Defaults to true. Set false for IPv4-less workers reached over the private network (requires private-network reachability and NAT egress).</summary>
    [Description("Assign a public IPv4 to worker nodes. Defaults to true. Set false for IPv4-less workers reached over the private network (requires private-network reachability and NAT egress).")]
    [JsonPropertyName("workerPublicIPv4")]
    public bool? WorkerPublicIPv4 { get; set; }

    /// <summary>Assign a public IPv6 to worker nodes. Defaults to true.</summary>
    [Description("Assign a public IPv6 to worker nodes. Defaults to true.")]
    [JsonPropertyName("workerPublicIPv6")]
    public bool? WorkerPublicIPv6 { get; set; }

    /// <summary>Assign a public IPv4 to control-plane nodes. Defaults to true. Set false for IPv4-less control planes whose endpoint is the private-network IP (cluster reachable only from inside the private network).</summary>
    [Description("Assign a public IPv4 to control-plane nodes. Defaults to true. Set false for IPv4-less control planes whose endpoint is the private-network IP (cluster reachable only from inside the private network).")]
    [JsonPropertyName("controlPlanePublicIPv4")]
    public bool? ControlPlanePublicIPv4 { get; set; }

    /// <summary>Assign a public IPv6 to control-plane nodes. Defaults to true.</summary>
    [Description("Assign a public IPv6 to control-plane nodes. Defaults to true.")]
    [JsonPropertyName("controlPlanePublicIPv6")]
    public bool? ControlPlanePublicIPv6 { get; set; }

    /// <summary>AutoscalerNodePoolNames lists the node-group names configured in the Kubernetes Cluster Autoscaler for this cluster. When non-empty, KSail deletes servers labelled with hcloud/node-group=&lt;name&gt; during cluster deletion so that autoscaler-managed nodes are cleaned up alongside KSail-managed nodes.</summary>
    [Description("AutoscalerNodePoolNames lists the node-group names configured in the Kubernetes Cluster Autoscaler for this cluster. When non-empty, KSail deletes servers labelled with hcloud/node-group=<name> during cluster deletion so that autoscaler-managed nodes are cleaned up alongside KSail-managed nodes.")]
    [JsonPropertyName("autoscalerNodePoolNames")]
    public List<string>? AutoscalerNodePoolNames { get; set; }
}

/// <summary>Omni holds options for the Sidero Omni provider.</summary>
[Description("Omni holds options for the Sidero Omni provider.")]
public sealed class OmniOptions
{
    /// <summary>Endpoint is the Omni API endpoint URL. Example: "https://&lt;account&gt;.omni.siderolabs.io:443".</summary>
    [Description("Endpoint is the Omni API endpoint URL. Example: \"https://<account>.omni.siderolabs.io:443\".")]
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>EndpointEnvVar is the environment variable containing the Omni API endpoint URL. When set, the value of this environment variable takes precedence over Endpoint. Defaults to "OMNI_ENDPOINT".</summary>
    [Description("EndpointEnvVar is the environment variable containing the Omni API endpoint URL. When set, the value of this environment variable takes precedence over Endpoint. Defaults to \"OMNI_ENDPOINT\".")]
    [JsonPropertyName("endpointEnvVar")]
    public string? EndpointEnvVar { get; set; }

    /// <summary>ServiceAccountKeyEnvVar is the environment variable containing the base64-encoded Omni service account key. Defaults to "OMNI_SERVICE_ACCOUNT_KEY".</summary>
    [Description("ServiceAccountKeyEnvVar is the environment variable containing the base64-encoded Omni service account key. Defaults to \"OMNI_SERVICE_ACCOUNT_KEY\".")]
    [JsonPropertyName("serviceAccountKeyEnvVar")]
    public string? ServiceAccountKeyEnvVar { get; set; }

    /// <summary>TalosVersion is the Talos version to use for the cluster in Omni. Accepts values with or without the "v" prefix (e.g., "v1.11.2" or "1.11.2"). Generated templates normalize the value to include the "v" prefix. This determines the Talos Linux version that Omni will deploy to machines.</summary>
    [Description("TalosVersion is the Talos version to use for the cluster in Omni. Accepts values with or without the \"v\" prefix (e.g., \"v1.11.2\" or \"1.11.2\"). Generated templates normalize the value to include the \"v\" prefix. This determines the Talos Linux version that Omni will deploy to machines.")]
    [JsonPropertyName("talosVersion")]
    public string? TalosVersion { get; set; }

    /// <summary>KubernetesVersion is the Kubernetes version to use for the cluster in Omni. Accepts values with or without the "v" prefix (e.g., "v1.32.0" or "1.32.0"). Generated templates normalize the value to include the "v" prefix. This determines the Kubernetes version that Omni will deploy.</summary>
    [Description("KubernetesVersion is the Kubernetes version to use for the cluster in Omni. Accepts values with or without the \"v\" prefix (e.g., \"v1.32.0\" or \"1.32.0\"). Generated templates normalize the value to include the \"v\" prefix. This determines the Kubernetes version that Omni will deploy.")]
    [JsonPropertyName("kubernetesVersion")]
    public string? KubernetesVersion { get; set; }

    /// <summary>MachineClass is the Omni machine class name to use for dynamic node allocation. Machine classes are user-defined in the Omni dashboard and match machines by labels (e.g., CPU, region, role). The specified class must exist in the Omni account before cluster creation. The number of machines allocated is derived from the controlPlanes and workers count in the cluster spec. Mutually exclusive with Machines — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.</summary>
    [Description("MachineClass is the Omni machine class name to use for dynamic node allocation. Machine classes are user-defined in the Omni dashboard and match machines by labels (e.g., CPU, region, role). The specified class must exist in the Omni account before cluster creation. The number of machines allocated is derived from the controlPlanes and workers count in the cluster spec. Mutually exclusive with Machines — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.")]
    [JsonPropertyName("machineClass")]
    public string? MachineClass { get; set; }

    /// <summary>Machines is a list of Omni machine UUIDs to use for static node allocation. The first N machines are assigned as control planes (where N = controlPlanes count), and the remaining machines are assigned as workers. Mutually exclusive with MachineClass — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.</summary>
    [Description("Machines is a list of Omni machine UUIDs to use for static node allocation. The first N machines are assigned as control planes (where N = controlPlanes count), and the remaining machines are assigned as workers. Mutually exclusive with MachineClass — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.")]
    [JsonPropertyName("machines")]
    public List<string>? Machines { get; set; }
}

/// <summary>AWS holds options for the AWS provider used by the EKS distribution.</summary>
[Description("AWS holds options for the AWS provider used by the EKS distribution.")]
public sealed class AwsOptions
{
    /// <summary>ProfileEnvVar is the environment variable containing the AWS shared-config profile name. Defaults to "AWS_PROFILE".</summary>
    [Description("ProfileEnvVar is the environment variable containing the AWS shared-config profile name. Defaults to \"AWS_PROFILE\".")]
    [JsonPropertyName("profileEnvVar")]
    public string? ProfileEnvVar { get; set; }

    /// <summary>RegionEnvVar is the environment variable containing the AWS region. When set, it overrides the region declared in eks.yaml. Defaults to "AWS_REGION".</summary>
    [Description("RegionEnvVar is the environment variable containing the AWS region. When set, it overrides the region declared in eks.yaml. Defaults to \"AWS_REGION\".")]
    [JsonPropertyName("regionEnvVar")]
    public string? RegionEnvVar { get; set; }

    /// <summary>AccessKeyIDEnvVar is the environment variable containing a static AWS access key ID. Defaults to "AWS_ACCESS_KEY_ID".</summary>
    [Description("AccessKeyIDEnvVar is the environment variable containing a static AWS access key ID. Defaults to \"AWS_ACCESS_KEY_ID\".")]
    [JsonPropertyName("accessKeyIdEnvVar")]
    public string? AccessKeyIdEnvVar { get; set; }

    /// <summary>SecretAccessKeyEnvVar is the environment variable containing a static AWS secret access key. Defaults to "AWS_SECRET_ACCESS_KEY".</summary>
    [Description("SecretAccessKeyEnvVar is the environment variable containing a static AWS secret access key. Defaults to \"AWS_SECRET_ACCESS_KEY\".")]
    [JsonPropertyName("secretAccessKeyEnvVar")]
    public string? SecretAccessKeyEnvVar { get; set; }

    /// <summary>SessionTokenEnvVar is the environment variable containing an AWS session token (used with temporary credentials from STS). Defaults to "AWS_SESSION_TOKEN".</summary>
    [Description("SessionTokenEnvVar is the environment variable containing an AWS session token (used with temporary credentials from STS). Defaults to \"AWS_SESSION_TOKEN\".")]
    [JsonPropertyName("sessionTokenEnvVar")]
    public string? SessionTokenEnvVar { get; set; }
}

/// <summary>GCP holds options for the Google Cloud provider used by the GKE distribution.</summary>
[Description("GCP holds options for the Google Cloud provider used by the GKE distribution.")]
public sealed class GcpOptions
{
    /// <summary>ProjectEnvVar is the environment variable containing the Google Cloud project ID. Defaults to "GOOGLE_CLOUD_PROJECT".</summary>
    [Description("ProjectEnvVar is the environment variable containing the Google Cloud project ID. Defaults to \"GOOGLE_CLOUD_PROJECT\".")]
    [JsonPropertyName("projectEnvVar")]
    public string? ProjectEnvVar { get; set; }

    /// <summary>LocationEnvVar is the environment variable containing the GKE location (zone or region). Defaults to "GOOGLE_CLOUD_LOCATION".</summary>
    [Description("LocationEnvVar is the environment variable containing the GKE location (zone or region). Defaults to \"GOOGLE_CLOUD_LOCATION\".")]
    [JsonPropertyName("locationEnvVar")]
    public string? LocationEnvVar { get; set; }
}

/// <summary>Azure holds options for the Microsoft Azure provider used by the AKS distribution.</summary>
[Description("Azure holds options for the Microsoft Azure provider used by the AKS distribution.")]
public sealed class AzureOptions
{
    /// <summary>SubscriptionIDEnvVar is the environment variable containing the Azure subscription ID. Defaults to "AZURE_SUBSCRIPTION_ID".</summary>
    [Description("SubscriptionIDEnvVar is the environment variable containing the Azure subscription ID. Defaults to \"AZURE_SUBSCRIPTION_ID\".")]
    [JsonPropertyName("subscriptionIdEnvVar")]
    public string? SubscriptionIdEnvVar { get; set; }

    /// <summary>ResourceGroupEnvVar is the environment variable containing the Azure resource group that hosts the cluster. Defaults to "AZURE_RESOURCE_GROUP". When neither the environment variable nor a configured value provides a resource group, cluster-scoped calls resolve it from the cluster's ARM ID via a subscription-wide list, and Create requires it explicitly.</summary>
    [Description("ResourceGroupEnvVar is the environment variable containing the Azure resource group that hosts the cluster. Defaults to \"AZURE_RESOURCE_GROUP\". When neither the environment variable nor a configured value provides a resource group, cluster-scoped calls resolve it from the cluster's ARM ID via a subscription-wide list, and Create requires it explicitly.")]
    [JsonPropertyName("resourceGroupEnvVar")]
    public string? ResourceGroupEnvVar { get; set; }
}

/// <summary>Kubernetes holds options for the Kubernetes provider, which runs nested clusters as pods inside an existing host cluster.</summary>
[Description("Kubernetes holds options for the Kubernetes provider, which runs nested clusters as pods inside an existing host cluster.")]
public sealed class KubernetesProviderOptions
{
    /// <summary>Kubeconfig is the path to the kubeconfig for the host cluster. Defaults to "~/.kube/config".</summary>
    [Description("Kubeconfig is the path to the kubeconfig for the host cluster. Defaults to \"~/.kube/config\".")]
    [JsonPropertyName("kubeconfig")]
    public string? Kubeconfig { get; set; }

    /// <summary>KubeconfigEnvVar is the environment variable containing the host kubeconfig path. Defaults to "KSAIL_HOST_KUBECONFIG".</summary>
    [Description("KubeconfigEnvVar is the environment variable containing the host kubeconfig path. Defaults to \"KSAIL_HOST_KUBECONFIG\".")]
    [JsonPropertyName("kubeconfigEnvVar")]
    public string? KubeconfigEnvVar { get; set; }

    /// <summary>Context is the kubeconfig context for the host cluster. When empty, uses the current context.</summary>
    [Description("Context is the kubeconfig context for the host cluster. When empty, uses the current context.")]
    [JsonPropertyName("context")]
    public string? Context { get; set; }

    /// <summary>ContextEnvVar is the environment variable containing the host kubeconfig context. Defaults to "KSAIL_HOST_CONTEXT".</summary>
    [Description("ContextEnvVar is the environment variable containing the host kubeconfig context. Defaults to \"KSAIL_HOST_CONTEXT\".")]
    [JsonPropertyName("contextEnvVar")]
    public string? ContextEnvVar { get; set; }

    /// <summary>GatewayClassName is the GatewayClass to use for exposing the nested API server. Must reference a GatewayClass that exists on the host cluster. When empty, the API is exposed via ClusterIP Service only (no external Gateway).</summary>
    [Description("GatewayClassName is the GatewayClass to use for exposing the nested API server. Must reference a GatewayClass that exists on the host cluster. When empty, the API is exposed via ClusterIP Service only (no external Gateway).")]
    [JsonPropertyName("gatewayClassName")]
    public string? GatewayClassName { get; set; }

    /// <summary>PodCIDR is the pod CIDR for the nested cluster. Must not overlap with the host cluster's pod or service CIDRs. Defaults to "10.64.0.0/16".</summary>
    [Description("PodCIDR is the pod CIDR for the nested cluster. Must not overlap with the host cluster's pod or service CIDRs. Defaults to \"10.64.0.0/16\".")]
    [JsonPropertyName("podCidr")]
    public string? PodCidr { get; set; }

    /// <summary>ServiceCIDR is the service CIDR for the nested cluster. Must not overlap with the host cluster's pod or service CIDRs. Defaults to "10.128.0.0/16".</summary>
    [Description("ServiceCIDR is the service CIDR for the nested cluster. Must not overlap with the host cluster's pod or service CIDRs. Defaults to \"10.128.0.0/16\".")]
    [JsonPropertyName("serviceCidr")]
    public string? ServiceCidr { get; set; }

    /// <summary>Persistence defines storage persistence for the nested cluster's data directory.</summary>
    [Description("Persistence defines storage persistence for the nested cluster's data directory.")]
    [JsonPropertyName("persistence")]
    public KubernetesPersistence? Persistence { get; set; }
}

/// <summary>Persistence defines storage persistence for the nested cluster's data directory.</summary>
[Description("Persistence defines storage persistence for the nested cluster's data directory.")]
public sealed class KubernetesPersistence
{
    /// <summary>Enabled controls whether a PVC is used for the nested cluster's data directory. When false (default), emptyDir is used and the cluster is ephemeral.</summary>
    [Description("Enabled controls whether a PVC is used for the nested cluster's data directory. When false (default), emptyDir is used and the cluster is ephemeral.")]
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>StorageClassName is the StorageClass to use for the PVC. When empty, the cluster's default StorageClass is used.</summary>
    [Description("StorageClassName is the StorageClass to use for the PVC. When empty, the cluster's default StorageClass is used.")]
    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    /// <summary>Size is the storage request size for the PVC. Defaults to "20Gi".</summary>
    [Description("Size is the storage request size for the PVC. Defaults to \"20Gi\".")]
    [JsonPropertyName("size")]
    public string? Size { get; set; }
}

/// <summary>Workload configures workload management: the manifest source directory, OCI push and validation settings, and GitOps bootstrap options.</summary>
[Description("Workload configures workload management: the manifest source directory, OCI push and validation settings, and GitOps bootstrap options.")]
public sealed class WorkloadSpec
{
    /// <summary>Path to the directory containing Kubernetes manifests. Used as the default path by validate, watch, and push when no explicit path argument is given.</summary>
    [Description("Path to the directory containing Kubernetes manifests. Used as the default path by validate, watch, and push when no explicit path argument is given.")]
    [JsonPropertyName("sourceDirectory")]
    public string? SourceDirectory { get; set; }

    /// <summary>Validate manifests against schemas before pushing (validation disabled by default)</summary>
    [Description("Validate manifests against schemas before pushing (validation disabled by default)")]
    [JsonPropertyName("validateOnPush")]
    public bool? ValidateOnPush { get; set; }

    /// <summary>OCI artifact tag used for workload push and GitOps reconciliation (Flux OCIRepository and ArgoCD Application). Push priority: CLI oci:// ref &gt; this field &gt; registry-embedded tag &gt; dev. Reconciliation priority: this field &gt; registry-embedded tag &gt; dev</summary>
    [Description("OCI artifact tag used for workload push and GitOps reconciliation (Flux OCIRepository and ArgoCD Application). Push priority: CLI oci:// ref > this field > registry-embedded tag > dev. Reconciliation priority: this field > registry-embedded tag > dev")]
    [JsonPropertyName("tag")]
    public string? Tag { get; set; }

    /// <summary>Path to the kustomization directory relative to sourceDirectory. When set, Flux Sync.Path is configured to this path so Flux uses the specified kustomization as the entry point instead of requiring a root kustomization.yaml.</summary>
    [Description("Path to the kustomization directory relative to sourceDirectory. When set, Flux Sync.Path is configured to this path so Flux uses the specified kustomization as the entry point instead of requiring a root kustomization.yaml.")]
    [JsonPropertyName("kustomizationFile")]
    public string? KustomizationFile { get; set; }

    /// <summary>Flux bootstrap configuration: operator/distribution version pins and signature verification for the generated OCIRepository. Empty values use KSail's pinned versions; a GitOps repo that declares these becomes the steady-state owner.</summary>
    [Description("Flux bootstrap configuration: operator/distribution version pins and signature verification for the generated OCIRepository. Empty values use KSail's pinned versions; a GitOps repo that declares these becomes the steady-state owner.")]
    [JsonPropertyName("flux")]
    public FluxOptions? Flux { get; set; }

    /// <summary>Configuration for the workload watch command (pre-apply hooks, etc.)</summary>
    [Description("Configuration for the workload watch command (pre-apply hooks, etc.)")]
    [JsonPropertyName("watch")]
    public WatchOptions? Watch { get; set; }

    /// <summary>Configuration for the workload validate command (additional kinds to skip, etc.).</summary>
    [Description("Configuration for the workload validate command (additional kinds to skip, etc.).")]
    [JsonPropertyName("validation")]
    public ValidationOptions? Validation { get; set; }

    /// <summary>Configuration for the workload scan command (Kubescape exceptions, frameworks, compliance threshold) so 'ksail workload scan' (no args) can act as a turnkey CI gate.</summary>
    [Description("Configuration for the workload scan command (Kubescape exceptions, frameworks, compliance threshold) so 'ksail workload scan' (no args) can act as a turnkey CI gate.")]
    [JsonPropertyName("scan")]
    public ScanOptions? Scan { get; set; }
}

/// <summary>Flux bootstrap configuration: operator/distribution version pins and signature verification for the generated OCIRepository. Empty values use KSail's pinned versions; a GitOps repo that declares these becomes the steady-state owner.</summary>
[Description("Flux bootstrap configuration: operator/distribution version pins and signature verification for the generated OCIRepository. Empty values use KSail's pinned versions; a GitOps repo that declares these becomes the steady-state owner.")]
public sealed class FluxOptions
{
    /// <summary>Flux operator Helm chart version for the bootstrap seed. Empty uses KSail's pinned version. Ignored once a GitOps repo owns the flux-operator release.</summary>
    [Description("Flux operator Helm chart version for the bootstrap seed. Empty uses KSail's pinned version. Ignored once a GitOps repo owns the flux-operator release.")]
    [JsonPropertyName("operatorVersion")]
    public string? OperatorVersion { get; set; }

    /// <summary>FluxInstance spec.distribution.version for the bootstrap seed. Empty uses KSail's default (2.x). A repo-declared FluxInstance takes precedence.</summary>
    [Description("FluxInstance spec.distribution.version for the bootstrap seed. Empty uses KSail's default (2.x). A repo-declared FluxInstance takes precedence.")]
    [JsonPropertyName("distributionVersion")]
    public string? DistributionVersion { get; set; }

    /// <summary>Signature verification (cosign/notation) rendered onto the flux-system OCIRepository KSail generates, so Flux rejects artifacts whose signature fails verification. Empty disables it.</summary>
    [Description("Signature verification (cosign/notation) rendered onto the flux-system OCIRepository KSail generates, so Flux rejects artifacts whose signature fails verification. Empty disables it.")]
    [JsonPropertyName("verify")]
    public FluxVerifyOptions? Verify { get; set; }
}

/// <summary>Signature verification (cosign/notation) rendered onto the flux-system OCIRepository KSail generates, so Flux rejects artifacts whose signature fails verification. Empty disables it.</summary>
[Description("Signature verification (cosign/notation) rendered onto the flux-system OCIRepository KSail generates, so Flux rejects artifacts whose signature fails verification. Empty disables it.")]
public sealed class FluxVerifyOptions
{
    /// <summary>Signature verification technology for the generated Flux OCIRepository (cosign or notation). Set to enable verification; empty disables it. Applies only when gitOpsEngine is Flux.</summary>
    [Description("Signature verification technology for the generated Flux OCIRepository (cosign or notation). Set to enable verification; empty disables it. Applies only when gitOpsEngine is Flux.")]
    [JsonPropertyName("provider")]
    public SignatureVerifier? Provider { get; set; }

    /// <summary>Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.</summary>
    [Description("Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.")]
    [JsonPropertyName("secretRef")]
    public SecretReference? SecretRef { get; set; }

    /// <summary>Identity matchers for cosign keyless verification. The artifact is accepted if any matcher matches the signing identity in the Fulcio certificate.</summary>
    [Description("Identity matchers for cosign keyless verification. The artifact is accepted if any matcher matches the signing identity in the Fulcio certificate.")]
    [JsonPropertyName("matchOIDCIdentity")]
    public List<OidcIdentityMatch>? MatchOIDCIdentity { get; set; }
}

/// <summary>Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.</summary>
[Description("Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.")]
public sealed class SecretReference
{
    /// <summary>Name of the Kubernetes Secret in the flux-system namespace containing the trusted public keys or certificates.</summary>
    [Description("Name of the Kubernetes Secret in the flux-system namespace containing the trusted public keys or certificates.")]
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>FluxVerifyOIDCIdentity is a cosign keyless identity matcher.</summary>
[Description("FluxVerifyOIDCIdentity is a cosign keyless identity matcher.")]
public sealed class OidcIdentityMatch
{
    /// <summary>Go regular expression matched against the OIDC issuer in the Fulcio certificate (e.g. ^https://token\.actions\.githubusercontent\.com$).</summary>
    [Description("Go regular expression matched against the OIDC issuer in the Fulcio certificate (e.g. ^https://token\\.actions\\.githubusercontent\\.com$).")]
    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    /// <summary>Go regular expression matched against the identity subject in the Fulcio certificate (e.g. ^https://github\.com/org/repo/\.github/workflows/cd\.yaml@refs/.*$).</summary>
    [Description("Go regular expression matched against the identity subject in the Fulcio certificate (e.g. ^https://github\\.com/org/repo/\\.github/workflows/cd\\.yaml@refs/.*$).")]
    [JsonPropertyName("subject")]
    public string? Subject { get; set; }
}

/// <summary>Configuration for the workload watch command (pre-apply hooks, etc.)</summary>
[Description("Configuration for the workload watch command (pre-apply hooks, etc.)")]
public sealed class WatchOptions
{
    /// <summary>Shell commands to run before each apply (e.g. docker build, make generate). Executed sequentially; if any hook fails the apply is skipped. CLI-only; ignored by the operator.</summary>
    [Description("Shell commands to run before each apply (e.g. docker build, make generate). Executed sequentially; if any hook fails the apply is skipped. CLI-only; ignored by the operator.")]
    [JsonPropertyName("hooks")]
    public List<string>? Hooks { get; set; }
}

/// <summary>Configuration for the workload validate command (additional kinds to skip, etc.).</summary>
[Description("Configuration for the workload validate command (additional kinds to skip, etc.).")]
public sealed class ValidationOptions
{
    /// <summary>Additional Kubernetes kinds to skip during 'ksail workload validate' (Secrets are skipped by default via --skip-secrets). Use for CRDs whose CRDs-catalog schema is stale or missing, which kubeconform would otherwise reject.</summary>
    [Description("Additional Kubernetes kinds to skip during 'ksail workload validate' (Secrets are skipped by default via --skip-secrets). Use for CRDs whose CRDs-catalog schema is stale or missing, which kubeconform would otherwise reject.")]
    [JsonPropertyName("skipKinds")]
    public List<string>? SkipKinds { get; set; }

    /// <summary>Additional kubeconform schema locations (local directories or URL templates) for 'ksail workload validate'. Appended after the built-in Kubernetes schemas and the CRDs-catalog, so CRDs absent from the catalog can be validated against a supplied schema instead of being skipped via skipKinds. A directory is searched using kubeconform's default '{{.ResourceKind}}{{.KindSuffix}}.json' layout; a URL/path template (e.g. 'schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json') is used verbatim. Merged with --schema-location.</summary>
    [Description("Additional kubeconform schema locations (local directories or URL templates) for 'ksail workload validate'. Appended after the built-in Kubernetes schemas and the CRDs-catalog, so CRDs absent from the catalog can be validated against a supplied schema instead of being skipped via skipKinds. A directory is searched using kubeconform's default '{{.ResourceKind}}{{.KindSuffix}}.json' layout; a URL/path template (e.g. 'schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json') is used verbatim. Merged with --schema-location.")]
    [JsonPropertyName("schemaLocations")]
    public List<string>? SchemaLocations { get; set; }

    /// <summary>Render HelmReleases (Kustomize + Helm) before 'ksail workload validate' so the actually-applied manifests are validated rather than the opaque HelmRelease CR. Charts are resolved from the OCIRepository/HelmRepository sources in the same directory and rendered in-process; releases that cannot be rendered offline fall back to validating the CR. Defaults to true. Override per-run with --skip-helm-render.</summary>
    [Description("Render HelmReleases (Kustomize + Helm) before 'ksail workload validate' so the actually-applied manifests are validated rather than the opaque HelmRelease CR. Charts are resolved from the OCIRepository/HelmRepository sources in the same directory and rendered in-process; releases that cannot be rendered offline fall back to validating the CR. Defaults to true. Override per-run with --skip-helm-render.")]
    [JsonPropertyName("helmRender")]
    public bool? HelmRender { get; set; }

    /// <summary>Path to a YAML CEL rules file for 'ksail workload validate'. Each rule's CEL expression is evaluated against every rendered document (bound to the 'object' variable); an error-severity violation fails validation, a warning-severity violation is reported without failing. Lets rule validation be declared once as a turnkey CI gate instead of passing --rules each run. Overridden by --rules.</summary>
    [Description("Path to a YAML CEL rules file for 'ksail workload validate'. Each rule's CEL expression is evaluated against every rendered document (bound to the 'object' variable); an error-severity violation fails validation, a warning-severity violation is reported without failing. Lets rule validation be declared once as a turnkey CI gate instead of passing --rules each run. Overridden by --rules.")]
    [JsonPropertyName("rules")]
    public string? Rules { get; set; }
}

/// <summary>Configuration for the workload scan command (Kubescape exceptions, frameworks, compliance threshold) so 'ksail workload scan' (no args) can act as a turnkey CI gate.</summary>
[Description("Configuration for the workload scan command (Kubescape exceptions, frameworks, compliance threshold) so 'ksail workload scan' (no args) can act as a turnkey CI gate.")]
public sealed class ScanOptions
{
    /// <summary>Path to a Kubescape exceptions file forwarded to 'kubescape --exceptions'. Uses Kubescape's native exceptions format (a JSON array of PostureExceptionPolicy objects) to suppress justified, runtime-enforced findings (e.g. Kyverno admission mutation, Cilium network policies, VPA-managed resources) so 'ksail workload scan' can gate at complianceThreshold 100. A relative path resolves against the ksail.yaml directory. Override per-run with --exceptions.</summary>
    [Description("Path to a Kubescape exceptions file forwarded to 'kubescape --exceptions'. Uses Kubescape's native exceptions format (a JSON array of PostureExceptionPolicy objects) to suppress justified, runtime-enforced findings (e.g. Kyverno admission mutation, Cilium network policies, VPA-managed resources) so 'ksail workload scan' can gate at complianceThreshold 100. A relative path resolves against the ksail.yaml directory. Override per-run with --exceptions.")]
    [JsonPropertyName("exceptions")]
    public string? Exceptions { get; set; }

    /// <summary>Security frameworks 'ksail workload scan' (no args) scans against (e.g. nsa, mitre, cis, pss). Defaults to nsa when unset. Override per-run with --framework.</summary>
    [Description("Security frameworks 'ksail workload scan' (no args) scans against (e.g. nsa, mitre, cis, pss). Defaults to nsa when unset. Override per-run with --framework.")]
    [JsonPropertyName("frameworks")]
    public List<string>? Frameworks { get; set; }

    /// <summary>Minimum Kubescape compliance score (whole percentage, 0-100) required for 'ksail workload scan' (no args) to pass; the scan fails below it. Unset means no threshold gate. Override per-run with --compliance-threshold (which also accepts fractional values).</summary>
    [Description("Minimum Kubescape compliance score (whole percentage, 0-100) required for 'ksail workload scan' (no args) to pass; the scan fails below it. Unset means no threshold gate. Override per-run with --compliance-threshold (which also accepts fractional values).")]
    [JsonPropertyName("complianceThreshold")]
    public int? ComplianceThreshold { get; set; }
}

/// <summary>Chat configures the KSail AI chat assistant. CLI-only; ignored by the operator (the Cluster CRD shares this type but never reads it).</summary>
[Description("Chat configures the KSail AI chat assistant. CLI-only; ignored by the operator (the Cluster CRD shares this type but never reads it).")]
public sealed class ChatSpec
{
    /// <summary>Chat model (empty or 'auto' for API default)</summary>
    [Description("Chat model (empty or 'auto' for API default)")]
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Reasoning effort level for chat responses (low, medium, or high)</summary>
    [Description("Reasoning effort level for chat responses (low, medium, or high)")]
    [JsonPropertyName("reasoningEffort")]
    public ReasoningEffort? ReasoningEffort { get; set; }
}

/// <summary>Per-phase time limits of a cluster's lifecycle (a KSail.NET extension).</summary>
[Description("Per-phase time limits of a cluster's lifecycle, as Go durations such as 90s or 5m (KSail.NET only).")]
public sealed class PhaseTimeouts
{
    /// <summary>Creating the nodes and bootstrapping Kubernetes (default 5m).</summary>
    [Description("Creating the nodes and bootstrapping Kubernetes (default 5m).")]
    [JsonPropertyName("provision")]
    public string? Provision { get; set; }

    /// <summary>Installing the components of both phases (default 5m).</summary>
    [Description("Installing the components of both phases (default 5m).")]
    [JsonPropertyName("components")]
    public string? Components { get; set; }

    /// <summary>The cluster stability check (default 3m).</summary>
    [Description("The cluster stability check (default 3m).")]
    [JsonPropertyName("stability")]
    public string? Stability { get; set; }

    /// <summary>Stability check step 1: the API server answering /readyz in a row (default 2m).</summary>
    [Description("Stability check step 1: the API server answering /readyz in a row (default 2m).")]
    [JsonPropertyName("apiServer")]
    public string? ApiServer { get; set; }

    /// <summary>Stability check step 2: every node Ready, at least one schedulable (default 2m).</summary>
    [Description("Stability check step 2: every node Ready, at least one schedulable (default 2m).")]
    [JsonPropertyName("nodes")]
    public string? Nodes { get; set; }

    /// <summary>Stability check step 3: every kube-system DaemonSet ready (default 3m).</summary>
    [Description("Stability check step 3: every kube-system DaemonSet ready (default 3m).")]
    [JsonPropertyName("daemonSets")]
    public string? DaemonSets { get; set; }

    /// <summary>Stability check step 4, for Cilium: a Pod reaching the API server's ClusterIP (default 2m).</summary>
    [Description("Stability check step 4, for Cilium only: a Pod reaching the API server's ClusterIP (default 2m).")]
    [JsonPropertyName("apiConnectivity")]
    public string? ApiConnectivity { get; set; }

    /// <summary>Waiting until GitOps has reconciled (default 5m).</summary>
    [Description("Waiting until GitOps has reconciled (default 5m).")]
    [JsonPropertyName("gitOps")]
    public string? GitOps { get; set; }

    /// <summary>Deleting the cluster (default 2m).</summary>
    [Description("Deleting the cluster (default 2m).")]
    [JsonPropertyName("teardown")]
    public string? Teardown { get; set; }
}
