using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>The <c>metadata</c> of kwokctl's configuration.</summary>
public sealed class KwokMetadata
{
    /// <summary>The cluster's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
