using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KSail.Core.State;

/// <summary>
/// How a cluster's spec is written as JSON: in the saved spec (<see cref="ClusterStateStore"/>), its
/// hash, and the values <c>cluster update</c> compares. camelCase names, enums by name, unset values left out.
/// </summary>
public static class SpecJson
{
    /// <summary>The options, indented as the saved spec is.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same options on one line, as a plan shows a value.</summary>
    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false };
}
