using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>An item of kwokctl's <c>components</c> (kwok v0.8.0 <c>Component</c>): kwokctl's record of a container it made.</summary>
public sealed class KwokctlComponent
{
    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary><c>links</c>.</summary>
    [JsonPropertyName("links")]
    public List<string>? Links { get; set; }

    /// <summary><c>binary</c>.</summary>
    [JsonPropertyName("binary")]
    public string? Binary { get; set; }

    /// <summary><c>image</c>.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary><c>command</c>.</summary>
    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }

    /// <summary><c>user</c>.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary><c>args</c>.</summary>
    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    /// <summary><c>workDir</c>.</summary>
    [JsonPropertyName("workDir")]
    public string? WorkDir { get; set; }

    /// <summary><c>ports</c>.</summary>
    [JsonPropertyName("ports")]
    public object? Ports { get; set; }

    /// <summary><c>envs</c>.</summary>
    [JsonPropertyName("envs")]
    public object? Envs { get; set; }

    /// <summary><c>volumes</c>.</summary>
    [JsonPropertyName("volumes")]
    public object? Volumes { get; set; }

    /// <summary><c>metric</c>.</summary>
    [JsonPropertyName("metric")]
    public object? Metric { get; set; }

    /// <summary><c>metricsDiscovery</c>.</summary>
    [JsonPropertyName("metricsDiscovery")]
    public object? MetricsDiscovery { get; set; }

    /// <summary><c>manifestContents</c>.</summary>
    [JsonPropertyName("manifestContents")]
    public List<string>? ManifestContents { get; set; }

    /// <summary><c>version</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }
}
