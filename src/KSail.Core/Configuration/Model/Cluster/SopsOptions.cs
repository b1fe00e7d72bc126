using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>SOPS configures automatic creation of the SOPS Age secret used to decrypt encrypted manifests in the cluster.</summary>
[Description("SOPS configures automatic creation of the SOPS Age secret used to decrypt encrypted manifests in the cluster.")]
public sealed class SopsOptions
{
    /// <summary>Deprecated: Use Env.Var instead. AgeKeyEnvVar is the name of the environment variable containing the Age private key. Kept for backward compatibility. When Env.Var is set, it takes priority over AgeKeyEnvVar.</summary>
    [Description("Deprecated: Use Env.Var instead. AgeKeyEnvVar is the name of the environment variable containing the Age private key. Kept for backward compatibility. When Env.Var is set, it takes priority over AgeKeyEnvVar.")]
    [JsonPropertyName("ageKeyEnvVar")]
    public string? AgeKeyEnvVar { get; set; }

    /// <summary>Whether the SOPS Age secret is created. Default auto-detects (creates only when an Age key is found); Enabled requires a key (errors if missing); Disabled skips creation. A YAML boolean is accepted as an alias (true=Enabled, false=Disabled).</summary>
    [Description("Whether the SOPS Age secret is created. Default auto-detects (creates only when an Age key is found); Enabled requires a key (errors if missing); Disabled skips creation. A YAML boolean is accepted as an alias (true=Enabled, false=Disabled).")]
    [JsonPropertyName("enabled")]
    public Toggle? Enabled { get; set; }

    /// <summary>Env configures the environment variable source for the Age private key.</summary>
    [Description("Env configures the environment variable source for the Age private key.")]
    [JsonPropertyName("env")]
    public SopsEnvSource? Env { get; set; }

    /// <summary>Extract configures extraction of Age private keys from a key file.</summary>
    [Description("Extract configures extraction of Age private keys from a key file.")]
    [JsonPropertyName("extract")]
    public SopsExtractSource? Extract { get; set; }
}
