using System.Text.Json;
using static KSail.Core.Readiness.StatusJson;

namespace KSail.Core.Readiness;

/// <summary>Argo CD's verdict rules: an Application is Synced and Healthy at its current source, on its way, or failed for good.</summary>
internal static class ArgoVerdicts
{
    /// <summary>Argo CD's refresh annotation (argo-cd pkg/apis/application/v1alpha1/application_annotations.go, AnnotationKeyRefresh); the application controller removes it once it has refreshed.</summary>
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";

    /// <summary>
    /// Whether an Argo CD Application is Synced and Healthy at its current source, on its way, or
    /// failed for good. With <paramref name="expectedDigest"/> (a reconcile after a push), it is ready
    /// only at that revision (<c>status.sync.revision</c>; for an OCI source the manifest digest), and a
    /// failure counts only once the controller has refreshed (the refresh annotation is gone) and
    /// reports that revision: an older failure may be what the push fixes.
    /// </summary>
    public static Verdict Evaluate(GitOpsObject item, string? expectedDigest = null)
    {
        if (item.Status is not { ValueKind: JsonValueKind.Object } status)
        {
            return Verdict.Waiting(expectedDigest is null ? "no status yet" : $"no status yet, waiting for {expectedDigest}");
        }

        var revision = Text(status, "sync", "revision") ?? (status.TryGetProperty("sync", out var s) && s.TryGetProperty("revisions", out var rs) && rs.ValueKind == JsonValueKind.Array && rs.GetArrayLength() > 0 ? rs[0].GetString() : null);
        var refreshed = item.Metadata.Annotations?.ContainsKey(RefreshAnnotation) != true;
        var aboutExpected = expectedDigest is null || (refreshed && revision == expectedDigest);
        if (Failure(status) is { } failure)
        {
            return aboutExpected ? Verdict.Failed(failure) : Waiting(failure);
        }

        var health = Text(status, "health", "status");
        var sync = Text(status, "sync", "status");
        if (sync != "Synced" || health != "Healthy")
        {
            return Waiting($"sync {sync ?? "unknown"}, health {health ?? "unknown"}");
        }

        if (string.IsNullOrEmpty(revision))
        {
            return Waiting("Synced and Healthy but no revision yet");
        }

        if (expectedDigest is not null && revision != expectedDigest)
        {
            return Verdict.Waiting($"Synced and Healthy at {revision}, not yet at {expectedDigest}{(refreshed ? string.Empty : " (refresh not yet handled)")}");
        }

        return ComparedToCurrentSource(item, status)
            ? Verdict.Ready($"Synced and Healthy at {revision}")
            : Waiting("Synced and Healthy, but compared to an older source than the spec's");

        // While a reconcile waits for a revision, every wait says where the Application is.
        Verdict Waiting(string why) => Verdict.Waiting(
            expectedDigest is null ? why : $"{why}; at {(string.IsNullOrEmpty(revision) ? "no revision yet" : revision)}, waiting for {expectedDigest}");
    }

    // A failure that will not heal by waiting: Degraded health, a sync or comparison error, a failed sync operation.
    private static string? Failure(JsonElement status)
    {
        if (Text(status, "health", "status") == "Degraded")
        {
            return $"health Degraded: {Text(status, "health", "message")}";
        }

        if (status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in conditions.EnumerateArray())
            {
                var type = Text(condition, "type");
                if (type is "SyncError" or "ComparisonError" or "InvalidSpecError")
                {
                    return $"{type}: {Text(condition, "message")}";
                }
            }
        }

        var phase = Text(status, "operationState", "phase");
        return phase is "Failed" or "Error" ? $"sync {phase}: {Text(status, "operationState", "message")}" : null;
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
