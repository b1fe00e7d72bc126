using System.Text.Json;

namespace KSail.Core.Readiness;

/// <summary>Reads the raw status JSON of a GitOps object: a string at a path, a condition by type.</summary>
internal static class StatusJson
{
    /// <summary>The string at <paramref name="path"/> under <paramref name="element"/>, or null.</summary>
    public static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>The status, reason and message of the condition of <paramref name="type"/>, or null.</summary>
    public static (string Status, string Reason, string Message)? Condition(JsonElement status, string type)
    {
        if (!status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var condition in conditions.EnumerateArray())
        {
            if (Text(condition, "type") == type)
            {
                return (Text(condition, "status") ?? "Unknown", Text(condition, "reason") ?? string.Empty, Text(condition, "message") ?? string.Empty);
            }
        }

        return null;
    }
}
