using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>A Flux or Argo CD object, read as its metadata plus raw spec and status.</summary>
internal sealed class GitOpsObject : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The object's spec.</summary>
    [JsonPropertyName("spec")]
    public JsonElement? Spec { get; set; }

    /// <summary>The object's status, as its controller wrote it.</summary>
    [JsonPropertyName("status")]
    public JsonElement? Status { get; set; }
}
