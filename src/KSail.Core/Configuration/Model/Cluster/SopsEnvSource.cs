using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Env configures the environment variable source for the Age private key.</summary>
[Description("Env configures the environment variable source for the Age private key.")]
public sealed class SopsEnvSource
{
    /// <summary>Var is the name of the environment variable containing the Age private key. When set, takes priority over SOPS.AgeKeyEnvVar. Leave empty to fall back to AgeKeyEnvVar (default: "SOPS_AGE_KEY").</summary>
    [Description("Var is the name of the environment variable containing the Age private key. When set, takes priority over SOPS.AgeKeyEnvVar. Leave empty to fall back to AgeKeyEnvVar (default: \"SOPS_AGE_KEY\").")]
    [JsonPropertyName("var")]
    public string? Var { get; set; }
}
