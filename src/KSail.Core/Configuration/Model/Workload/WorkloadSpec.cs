using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
