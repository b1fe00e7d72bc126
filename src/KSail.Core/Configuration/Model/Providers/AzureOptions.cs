using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
