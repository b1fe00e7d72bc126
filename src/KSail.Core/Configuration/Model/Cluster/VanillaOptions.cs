using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Vanilla holds options specific to the Vanilla (Kind) distribution.</summary>
[Description("Vanilla holds options specific to the Vanilla (Kind) distribution.")]
public sealed class VanillaOptions
{
    /// <summary>MirrorsDir is the directory for containerd host mirror configuration. Defaults to "kind/mirrors" if not specified.</summary>
    [Description("MirrorsDir is the directory for containerd host mirror configuration. Defaults to \"kind/mirrors\" if not specified.")]
    [JsonPropertyName("mirrorsDir")]
    public string? MirrorsDir { get; set; }
}
