using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

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
