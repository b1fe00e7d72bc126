using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
