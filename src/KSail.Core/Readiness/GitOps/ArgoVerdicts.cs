using System.Text.Json;
using static KSail.Core.Readiness.StatusJson;

namespace KSail.Core.Readiness;

/// <summary>Argo CD's verdict rules: an Application is Synced and Healthy at its current source, on its way, or failed for good.</summary>
internal static class ArgoVerdicts
{
    /// <summary>Whether an Argo CD Application is Synced and Healthy at its current source, on its way, or failed for good.</summary>
    public static Verdict Evaluate(GitOpsObject item)
    {
        if (item.Status is not { ValueKind: JsonValueKind.Object } status)
        {
            return Verdict.Waiting("no status yet");
        }

        var health = Text(status, "health", "status");
        if (health == "Degraded")
        {
            return Verdict.Failed($"health Degraded: {Text(status, "health", "message")}");
        }

        if (status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in conditions.EnumerateArray())
            {
                var type = Text(condition, "type");
                if (type is "SyncError" or "ComparisonError" or "InvalidSpecError")
                {
                    return Verdict.Failed($"{type}: {Text(condition, "message")}");
                }
            }
        }

        var phase = Text(status, "operationState", "phase");
        if (phase is "Failed" or "Error")
        {
            return Verdict.Failed($"sync {phase}: {Text(status, "operationState", "message")}");
        }

        var sync = Text(status, "sync", "status");
        var revision = Text(status, "sync", "revision") ?? (status.TryGetProperty("sync", out var s) && s.TryGetProperty("revisions", out var rs) && rs.ValueKind == JsonValueKind.Array && rs.GetArrayLength() > 0 ? rs[0].GetString() : null);
        if (sync != "Synced" || health != "Healthy")
        {
            return Verdict.Waiting($"sync {sync ?? "unknown"}, health {health ?? "unknown"}");
        }

        if (string.IsNullOrEmpty(revision))
        {
            return Verdict.Waiting("Synced and Healthy but no revision yet");
        }

        return ComparedToCurrentSource(item, status)
            ? Verdict.Ready($"Synced and Healthy at {revision}")
            : Verdict.Waiting("Synced and Healthy, but compared to an older source than the spec's");
    }

    private static bool ComparedToCurrentSource(GitOpsObject item, JsonElement status)
    {
        if (item.Spec is not { ValueKind: JsonValueKind.Object } spec
            || !status.TryGetProperty("sync", out var sync)
            || !sync.TryGetProperty("comparedTo", out var comparedTo))
        {
            return false;
        }

        foreach (var field in new[] { "source", "sources" })
        {
            var inSpec = spec.TryGetProperty(field, out var a);
            var compared = comparedTo.TryGetProperty(field, out var b);
            if (inSpec != compared || (inSpec && !JsonElement.DeepEquals(a, b)))
            {
                return false;
            }
        }

        return true;
    }
}
