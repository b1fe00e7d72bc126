using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>GCP holds options for the Google Cloud provider used by the GKE distribution.</summary>
[Description("GCP holds options for the Google Cloud provider used by the GKE distribution.")]
public sealed class GcpOptions
{
    /// <summary>ProjectEnvVar is the environment variable containing the Google Cloud project ID. Defaults to "GOOGLE_CLOUD_PROJECT".</summary>
    [Description("ProjectEnvVar is the environment variable containing the Google Cloud project ID. Defaults to \"GOOGLE_CLOUD_PROJECT\".")]
    [JsonPropertyName("projectEnvVar")]
    public string? ProjectEnvVar { get; set; }

    /// <summary>LocationEnvVar is the environment variable containing the GKE location (zone or region). Defaults to "GOOGLE_CLOUD_LOCATION".</summary>
    [Description("LocationEnvVar is the environment variable containing the GKE location (zone or region). Defaults to \"GOOGLE_CLOUD_LOCATION\".")]
    [JsonPropertyName("locationEnvVar")]
    public string? LocationEnvVar { get; set; }
}
