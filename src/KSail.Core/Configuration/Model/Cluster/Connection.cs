using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
