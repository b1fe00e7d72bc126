using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>FluxVerifyOIDCIdentity is a cosign keyless identity matcher.</summary>
[Description("FluxVerifyOIDCIdentity is a cosign keyless identity matcher.")]
public sealed class OidcIdentityMatch
{
    /// <summary>Go regular expression matched against the OIDC issuer in the Fulcio certificate (e.g. ^https://token\.actions\.githubusercontent\.com$).</summary>
    [Description("Go regular expression matched against the OIDC issuer in the Fulcio certificate (e.g. ^https://token\\.actions\\.githubusercontent\\.com$).")]
    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    /// <summary>Go regular expression matched against the identity subject in the Fulcio certificate (e.g. ^https://github\.com/org/repo/\.github/workflows/cd\.yaml@refs/.*$).</summary>
    [Description("Go regular expression matched against the identity subject in the Fulcio certificate (e.g. ^https://github\\.com/org/repo/\\.github/workflows/cd\\.yaml@refs/.*$).")]
    [JsonPropertyName("subject")]
    public string? Subject { get; set; }
}
