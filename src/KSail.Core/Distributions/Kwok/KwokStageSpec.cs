using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// A Stage's <c>spec</c> (kwok v0.8.0 <c>pkg/apis/v1alpha1/stage_types.go</c>): which objects it acts on
/// (<see cref="ResourceRef"/>, required) and, passed to the kwok controller as written, when and what.
/// </summary>
public sealed class KwokStageSpec
{
    /// <summary><c>resourceRef</c>: the kind of object the Stage acts on (required).</summary>
    [JsonPropertyName("resourceRef")]
    public KwokResourceRef? ResourceRef { get; set; }

    /// <summary><c>selector</c>.</summary>
    [JsonPropertyName("selector")]
    public object? Selector { get; set; }

    /// <summary><c>weight</c>.</summary>
    [JsonPropertyName("weight")]
    public object? Weight { get; set; }

    /// <summary><c>weightFrom</c>.</summary>
    [JsonPropertyName("weightFrom")]
    public object? WeightFrom { get; set; }

    /// <summary><c>delay</c>.</summary>
    [JsonPropertyName("delay")]
    public object? Delay { get; set; }

    /// <summary><c>next</c>.</summary>
    [JsonPropertyName("next")]
    public object? Next { get; set; }

    /// <summary><c>immediateNextStage</c>.</summary>
    [JsonPropertyName("immediateNextStage")]
    public object? ImmediateNextStage { get; set; }
}
