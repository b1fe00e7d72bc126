using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>An item of kwokctl's <c>componentsPatches</c> (kwok v0.8.0 <c>ComponentPatches</c>): extra arguments, volumes and environment for one component.</summary>
public sealed class KwokctlComponentPatches
{
    /// <summary><c>name</c>: the component.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary><c>extraArgs</c>.</summary>
    [JsonPropertyName("extraArgs")]
    public object? ExtraArgs { get; set; }

    /// <summary><c>extraVolumes</c>.</summary>
    [JsonPropertyName("extraVolumes")]
    public object? ExtraVolumes { get; set; }

    /// <summary><c>extraEnvs</c>.</summary>
    [JsonPropertyName("extraEnvs")]
    public object? ExtraEnvs { get; set; }
}
