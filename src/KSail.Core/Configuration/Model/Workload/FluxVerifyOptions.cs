using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Signature verification (cosign/notation) rendered onto the flux-system OCIRepository KSail generates, so Flux rejects artifacts whose signature fails verification. Empty disables it.</summary>
[Description("Signature verification (cosign/notation) rendered onto the flux-system OCIRepository KSail generates, so Flux rejects artifacts whose signature fails verification. Empty disables it.")]
public sealed class FluxVerifyOptions
{
    /// <summary>Signature verification technology for the generated Flux OCIRepository (cosign or notation). Set to enable verification; empty disables it. Applies only when gitOpsEngine is Flux.</summary>
    [Description("Signature verification technology for the generated Flux OCIRepository (cosign or notation). Set to enable verification; empty disables it. Applies only when gitOpsEngine is Flux.")]
    [JsonPropertyName("provider")]
    public SignatureVerifier? Provider { get; set; }

    /// <summary>Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.</summary>
    [Description("Reference to a Kubernetes Secret in the flux-system namespace holding the trusted public keys or certificates. Used for key-based cosign or notation verification; omit for cosign keyless.")]
    [JsonPropertyName("secretRef")]
    public SecretReference? SecretRef { get; set; }

    /// <summary>Identity matchers for cosign keyless verification. The artifact is accepted if any matcher matches the signing identity in the Fulcio certificate.</summary>
    [Description("Identity matchers for cosign keyless verification. The artifact is accepted if any matcher matches the signing identity in the Fulcio certificate.")]
    [JsonPropertyName("matchOIDCIdentity")]
    public List<OidcIdentityMatch>? MatchOIDCIdentity { get; set; }
}
