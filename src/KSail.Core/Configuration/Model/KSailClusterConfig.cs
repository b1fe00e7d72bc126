// The ksail.yaml model: KSail's ksail.io/v1alpha1 Cluster schema, field for field, so a file
// written for KSail loads unchanged. Every property is nullable: null means "not set in the
// file", which the loader needs to tell an explicit choice from a default.
using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>JSON schema for KSail cluster configuration (ksail.yaml)</summary>
[Description("JSON schema for KSail cluster configuration (ksail.yaml)")]
public sealed class KSailClusterConfig
{
    /// <summary>kind</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>apiVersion</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>metadata</summary>
    [JsonPropertyName("metadata")]
    public ClusterMetadata? Metadata { get; set; }

    /// <summary>spec</summary>
    [JsonPropertyName("spec")]
    public Spec? Spec { get; set; }
}
