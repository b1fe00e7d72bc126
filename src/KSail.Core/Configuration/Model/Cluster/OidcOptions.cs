using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>OIDC authentication configuration for the API server and kubeconfig</summary>
[Description("OIDC authentication configuration for the API server and kubeconfig")]
public sealed class OidcOptions
{
    /// <summary>OIDC provider issuer URL</summary>
    [Description("OIDC provider issuer URL")]
    [JsonPropertyName("issuerURL")]
    public string? IssuerUrl { get; set; }

    /// <summary>OIDC client ID for kubectl</summary>
    [Description("OIDC client ID for kubectl")]
    [JsonPropertyName("clientID")]
    public string? ClientId { get; set; }

    /// <summary>Additional OIDC scopes beyond openid</summary>
    [Description("Additional OIDC scopes beyond openid")]
    [JsonPropertyName("extraScopes")]
    public List<string>? ExtraScopes { get; set; }

    /// <summary>JWT claim for username</summary>
    [Description("JWT claim for username")]
    [JsonPropertyName("usernameClaim")]
    public string? UsernameClaim { get; set; }

    /// <summary>Prefix for OIDC usernames</summary>
    [Description("Prefix for OIDC usernames")]
    [JsonPropertyName("usernamePrefix")]
    public string? UsernamePrefix { get; set; }

    /// <summary>JWT claim for groups</summary>
    [Description("JWT claim for groups")]
    [JsonPropertyName("groupsClaim")]
    public string? GroupsClaim { get; set; }

    /// <summary>Prefix for OIDC groups</summary>
    [Description("Prefix for OIDC groups")]
    [JsonPropertyName("groupsPrefix")]
    public string? GroupsPrefix { get; set; }

    /// <summary>CA cert path for self-signed OIDC</summary>
    [Description("CA cert path for self-signed OIDC")]
    [JsonPropertyName("caFile")]
    public string? CaFile { get; set; }
}
