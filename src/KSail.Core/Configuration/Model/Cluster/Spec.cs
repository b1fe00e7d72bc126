using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
