using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
