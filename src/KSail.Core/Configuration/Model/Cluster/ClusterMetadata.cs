using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>ClusterMetadata</summary>
public sealed class ClusterMetadata
{
    /// <summary>Cluster name (DNS-1123 compliant: lowercase letters, numbers, and hyphens; must start with a letter and must not end with a hyphen).</summary>
    [Description("Cluster name (DNS-1123 compliant: lowercase letters, numbers, and hyphens; must start with a letter and must not end with a hyphen).")]
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
