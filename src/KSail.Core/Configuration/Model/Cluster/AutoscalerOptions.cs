using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
