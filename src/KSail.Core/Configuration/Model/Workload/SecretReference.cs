using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.</summary>
[Description("Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.")]
public sealed class SecretReference
{
    /// <summary>Name of the Kubernetes Secret in the flux-system namespace containing the trusted public keys or certificates.</summary>
    [Description("Name of the Kubernetes Secret in the flux-system namespace containing the trusted public keys or certificates.")]
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
