using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
