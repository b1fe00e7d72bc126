using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>kwokctl's <c>status</c>: the version of kwokctl that wrote the file.</summary>
public sealed class KwokctlStatus
{
    /// <summary><c>version</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }
}
