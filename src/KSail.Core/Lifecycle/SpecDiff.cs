using System.Text.Json.Nodes;
using KSail.Core.State;

namespace KSail.Core.Lifecycle;

/// <summary>How two specs (as JSON) are compared for <c>cluster update</c>: leaf by leaf, with paths as the files name them.</summary>
public static class SpecDiff
{
    /// <summary>How an unset value is shown.</summary>
    public const string NotSet = "(not set)";

    /// <summary>The leaves that differ (objects by field; arrays and values as a whole), with their dotted paths under <paramref name="path"/>.</summary>
    public static IEnumerable<(string Path, string From, string To)> Diff(string path, JsonNode? a, JsonNode? b)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (a is JsonObject ao && b is JsonObject bo)
        {
            var names = ao.Select(p => p.Key).Union(bo.Select(p => p.Key), StringComparer.Ordinal).ToList();
            foreach (var name in names)
            {
                foreach (var change in Diff(path.Length == 0 ? name : $"{path}.{name}", ao[name], bo[name]))
                {
                    yield return change;
                }
            }

            yield break;
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            yield return (path, Show(a), Show(b));
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="prefix"/> or a field or item under it.</summary>
    public static bool Under(string path, string prefix)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[", StringComparison.Ordinal);
    }

    /// <summary>A value as a plan shows it: text as is, anything else as one line of JSON.</summary>
    public static string Show(JsonNode? value) => value switch
    {
        null => NotSet,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(SpecJson.Compact),
    };

    /// <summary>A copy of <paramref name="node"/> without the fields <paramref name="names"/> (those another rule compares).</summary>
    public static JsonObject? Without(JsonObject? node, params string[] names)
    {
        if (node?.DeepClone() is not JsonObject copy)
        {
            return null;
        }

        foreach (var name in names)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
