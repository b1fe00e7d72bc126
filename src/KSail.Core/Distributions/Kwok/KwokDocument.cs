using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// A document of kwok.yaml after the first: a <c>Stage</c> (<c>kwok.x-k8s.io/v1alpha1</c>) or a
/// <c>KwokConfiguration</c> (<c>config.kwok.x-k8s.io/v1alpha1</c>), which the kwok controller reads
/// (the file is mounted into it as kwokctl mounts it). Its text is kept as written.
/// </summary>
public sealed class KwokDocument
{
    /// <summary>The apiVersion of a Stage.</summary>
    public const string StageApiVersion = "kwok.x-k8s.io/v1alpha1";

    /// <summary><c>apiVersion</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary><c>kind</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary><c>metadata</c>.</summary>
    [JsonPropertyName("metadata")]
    public object? Metadata { get; set; }

    /// <summary>A Stage's <c>spec</c>.</summary>
    [JsonPropertyName("spec")]
    public KwokStageSpec? Spec { get; set; }

    /// <summary>A KwokConfiguration's <c>options</c> (the controller's own).</summary>
    [JsonPropertyName("options")]
    public object? Options { get; set; }

    /// <summary>The document's YAML as written, for the kwok.yaml the controller reads; not a field of the YAML.</summary>
    public string? Text => text;

    private string? text;

    /// <summary>Keeps the document's YAML.</summary>
    internal KwokDocument WithText(string yaml)
    {
        text = yaml;
        return this;
    }
}
