using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
