using System.Globalization;
using System.Text.Json;
using static KSail.Core.Readiness.StatusJson;

namespace KSail.Core.Readiness;

/// <summary>Flux's verdict rules: a Kustomization or HelmRelease is ready, still on its way, or failed for good.</summary>
internal static class FluxVerdicts
{
    /// <summary>Whether a Flux object is ready, still on its way, or failed for good.</summary>
    public static Verdict Evaluate(GitOpsObject item, string revisionField, IReadOnlySet<string> terminalReasons)
    {
        if (item.Status is not { ValueKind: JsonValueKind.Object } status)
        {
            return Verdict.Waiting("no status yet");
        }

        var generation = item.Metadata.Generation ?? 0;
        var observed = status.TryGetProperty("observedGeneration", out var og) && og.TryGetInt64(out var o) ? o : -1;
        var current = observed >= generation;
        var ready = Condition(status, "Ready");
        var stalled = Condition(status, "Stalled");
        if (current && stalled is { Status: "True" })
        {
            return Verdict.Failed($"Stalled: {stalled.Value.Reason}: {stalled.Value.Message}");
        }

        if (current && ready is { Status: "False" } r && terminalReasons.Contains(r.Reason))
        {
            return Verdict.Failed($"Ready=False {r.Reason}: {r.Message}");
        }

        if (!current)
        {
            return Verdict.Waiting($"generation {generation} not yet observed (observed {(observed < 0 ? "none" : observed.ToString(CultureInfo.InvariantCulture))})");
        }

        if (ready is not { Status: "True" })
        {
            return Verdict.Waiting(ready is { } c ? $"Ready={c.Status} {c.Reason}: {c.Message}" : "no Ready condition yet");
        }

        return status.TryGetProperty(revisionField, out var revision) && revision.ValueKind == JsonValueKind.String && revision.GetString()!.Length > 0
            ? Verdict.Ready($"Ready at {revision.GetString()}")
            : Verdict.Waiting($"Ready=True but no {revisionField} yet");
    }
}
