using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// kwok.yaml as kwokctl reads it (kwok v0.8.0, <c>pkg/apis/config/v1alpha1</c>): the first document, a
/// <c>KwokctlConfiguration</c> (<c>config.kwok.x-k8s.io/v1alpha1</c>), and the documents after it
/// (<see cref="Documents"/>: Stages and a KwokConfiguration, which the kwok controller reads from the same file).
/// </summary>
public sealed class KwokctlConfiguration
{
    /// <summary>The apiVersion of kwokctl's configuration.</summary>
    public const string ApiVersionV1Alpha1 = "config.kwok.x-k8s.io/v1alpha1";

    /// <summary>The kind of kwokctl's configuration.</summary>
    public const string KindName = "KwokctlConfiguration";

    /// <summary><c>apiVersion</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; } = ApiVersionV1Alpha1;

    /// <summary><c>kind</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; } = KindName;

    /// <summary><c>metadata</c>: the cluster's name.</summary>
    [JsonPropertyName("metadata")]
    public KwokMetadata? Metadata { get; set; }

    /// <summary><c>options</c>: the images, ports and flags of the components.</summary>
    [JsonPropertyName("options")]
    public KwokctlOptions? Options { get; set; }

    /// <summary><c>components</c>: kwokctl's own record of the containers it made (it writes them; KSail.NET makes its own).</summary>
    [JsonPropertyName("components")]
    public List<KwokctlComponent>? Components { get; set; }

    /// <summary><c>componentsPatches</c>: extra args, volumes and environment per component.</summary>
    [JsonPropertyName("componentsPatches")]
    public List<KwokctlComponentPatches>? ComponentsPatches { get; set; }

    /// <summary><c>status</c>: kwokctl's record of the version that wrote the file.</summary>
    [JsonPropertyName("status")]
    public KwokctlStatus? Status { get; set; }

    /// <summary>The documents after the first (Stages, a KwokConfiguration), in file order; not a field of the YAML.</summary>
    public List<KwokDocument> Documents { get; } = [];
}
