using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>A list of <see cref="GitOpsObject"/>.</summary>
internal sealed class GitOpsObjectList : IKubernetesObject<V1ListMeta>, IItems<GitOpsObject>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc/>
    [JsonPropertyName("items")]
    public IList<GitOpsObject> Items { get; set; } = [];
}
