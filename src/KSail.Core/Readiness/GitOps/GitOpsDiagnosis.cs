using System.Globalization;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using static KSail.Core.Readiness.StatusJson;

namespace KSail.Core.Readiness;

/// <summary>The diagnosis text of the reconciliation step: each object not ready, its conditions and its events.</summary>
internal static class GitOpsDiagnosis
{
    /// <summary>Describes every selected object (not excluded) that was not ready at the last look, and every named one not found.</summary>
    public static async Task<string> ObjectsAsync(
        IKubernetes client,
        Dictionary<GitOpsKind, ResumableWatch<GitOpsObject, GitOpsObjectList>> watches,
        Func<GitOpsKind, HashSet<string>?> namesOf,
        Func<GitOpsKind, GitOpsObject, bool> excluded,
        Func<GitOpsKind, GitOpsObject, Verdict> evaluate,
        CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var (kind, watch) in watches)
        {
            var names = namesOf(kind);
            var selected = (names is null ? watch.Objects : watch.Objects.Where(i => names.Contains(GitOpsKind.Key(i)))).Where(i => !excluded(kind, i)).ToList();
            foreach (var item in selected)
            {
                var verdict = evaluate(kind, item);
                if (verdict.State != VerdictState.Ready)
                {
                    text.AppendLine(await DescribeAsync(client, kind, item, verdict, ct).ConfigureAwait(false));
                }
            }

            foreach (var missing in names?.Except(selected.Select(GitOpsKind.Key)) ?? Enumerable.Empty<string>())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Kind} {missing}: not found");
            }
        }

        return text.Length == 0 ? "  every selected object was ready at the last look" : text.ToString().TrimEnd();
    }

    /// <summary>One object: its verdict, its conditions and its events.</summary>
    public static async Task<string> DescribeAsync(IKubernetes client, GitOpsKind kind, GitOpsObject item, Verdict verdict, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  {kind.Kind} {GitOpsKind.Key(item)}: {verdict.Why}");
        if (item.Status is { ValueKind: JsonValueKind.Object } status && status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in conditions.EnumerateArray())
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"    condition {Text(c, "type")}={Text(c, "status")} {Text(c, "reason")}: {Text(c, "message")}");
            }
        }

        try
        {
            text.AppendLine().Append(await ClusterDiagnosis.EventsAsync(client, kind.Kind, item.Metadata.NamespaceProperty, item.Metadata.Name, "    ", ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (Transport.IsTransient(ex, ct) || ex is HttpOperationException)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    (events could not be read: {ex.Message})");
        }

        return text.ToString();
    }
}
