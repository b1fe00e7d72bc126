using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Kwok;

/// <summary>A Stage's <c>resourceRef</c>: the API group and kind of the objects it acts on.</summary>
public sealed class KwokResourceRef
{
    /// <summary><c>apiGroup</c> (empty or <c>v1</c> for the core group).</summary>
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; set; }

    /// <summary><c>kind</c> (<c>Node</c>, <c>Pod</c>, ...).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}
