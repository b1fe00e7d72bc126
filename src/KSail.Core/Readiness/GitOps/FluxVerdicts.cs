using System.Globalization;
using System.Text.Json;
using static KSail.Core.Readiness.StatusJson;

namespace KSail.Core.Readiness;

/// <summary>Flux's verdict rules: a Kustomization, HelmRelease or OCIRepository is ready, still on its way, or failed for good.</summary>
internal static class FluxVerdicts
{
    /// <summary>
    /// Whether a Flux object is ready, still on its way, or failed for good. With
    /// <paramref name="expectedRevision"/> (a reconcile after a push), it is ready only at that
    /// revision, and once it has handled the reconcile request <paramref name="requestedAt"/>
    /// (<c>status.lastHandledReconcileAt</c>, as <c>flux reconcile</c> waits); a failure counts only
    /// when it is about that request and, where the kind names it (<paramref name="attemptedField"/>),
    /// about that revision: an older failure may be what the push fixes.
    /// </summary>
    /// <param name="item">The object.</param>
    /// <param name="revisionField">The status field (dotted path) of the revision the object is at.</param>
    /// <param name="terminalReasons">Ready=False reasons that fail at once.</param>
    /// <param name="expectedRevision">The revision it must be at, or null for any.</param>
    /// <param name="requestedAt">The reconcile request it must have handled, or null.</param>
    /// <param name="attemptedField">The status field of the revision it last tried, or null.</param>
    public static Verdict Evaluate(
        GitOpsObject item,
        string revisionField,
        IReadOnlySet<string> terminalReasons,
        string? expectedRevision = null,
        string? requestedAt = null,
        string? attemptedField = null)
    {
        if (item.Status is not { ValueKind: JsonValueKind.Object } status)
        {
            return Verdict.Waiting(expectedRevision is null ? "no status yet" : $"no status yet, waiting for {expectedRevision}");
        }

        var revision = Text(status, revisionField.Split('.'));
        var handledAt = Text(status, "lastHandledReconcileAt");
        var handled = requestedAt is null || handledAt == requestedAt;
        var aboutExpected = handled && (expectedRevision is null || attemptedField is null || Text(status, attemptedField) == expectedRevision);
        var generation = item.Metadata.Generation ?? 0;
        var observed = status.TryGetProperty("observedGeneration", out var og) && og.TryGetInt64(out var o) ? o : -1;
        var current = observed >= generation;
        var ready = Condition(status, "Ready");
        var stalled = Condition(status, "Stalled");
        if (current && stalled is { Status: "True" })
        {
            var why = $"Stalled: {stalled.Value.Reason}: {stalled.Value.Message}";
            return aboutExpected ? Verdict.Failed(why) : Waiting(why);
        }

        if (current && ready is { Status: "False" } r && terminalReasons.Contains(r.Reason))
        {
            var why = $"Ready=False {r.Reason}: {r.Message}";
            return aboutExpected ? Verdict.Failed(why) : Waiting(why);
        }

        if (!current)
        {
            return Waiting($"generation {generation} not yet observed (observed {(observed < 0 ? "none" : observed.ToString(CultureInfo.InvariantCulture))})");
        }

        if (ready is not { Status: "True" })
        {
            return Waiting(ready is { } c ? $"Ready={c.Status} {c.Reason}: {c.Message}" : "no Ready condition yet");
        }

        if (string.IsNullOrEmpty(revision))
        {
            return Waiting($"Ready=True but no {revisionField} yet");
        }

        if (!handled)
        {
            return Waiting($"reconcile request {requestedAt} not yet handled (last handled: {handledAt ?? "none"})");
        }

        return expectedRevision is null || revision == expectedRevision
            ? Verdict.Ready($"Ready at {revision}")
            : Verdict.Waiting($"Ready at {revision}, not yet at {expectedRevision}");

        // While a reconcile waits for a revision, every wait says where the object is.
        Verdict Waiting(string why) => Verdict.Waiting(
            expectedRevision is null ? why : $"{why}; at {(string.IsNullOrEmpty(revision) ? "no revision yet" : revision)}, waiting for {expectedRevision}");
    }
}
