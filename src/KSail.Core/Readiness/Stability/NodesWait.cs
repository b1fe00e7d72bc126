using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>Step 2 of <see cref="ClusterStabilityCheck"/>: every node Ready and at least one schedulable (no NoSchedule/NoExecute taint, not cordoned).</summary>
internal sealed class NodesWait(IKubernetes client, IProgress<ProgressEvent>? progress, TimeProvider time)
{
    /// <summary>Runs the step within <paramref name="timeout"/>.</summary>
    public Task RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        var watch = new ResumableWatch<V1Node, V1NodeList>(
            (version, watching, token) => client.CoreV1.ListNodeWithHttpMessagesAsync(
                resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time, message => progress?.Report(new ProgressEvent(ClusterStabilityCheck.NodesStep, $"reconnecting: {message}", ProgressLevel.Debug))));
        return ReadinessStep.RunAsync(
            ClusterStabilityCheck.NodesStep,
            timeout,
            progress,
            time,
            (step, token) => watch.UntilAsync(
                nodes =>
                {
                    var waiting = NodesWaitingFor(nodes);
                    if (waiting is null)
                    {
                        return true;
                    }

                    step.WaitingFor(waiting);
                    return false;
                },
                token),
            (_, token) => DiagnoseNodesAsync(watch.Objects, token),
            ct);
    }

    /// <summary>What the nodes still lack, or null when all are Ready and one is schedulable.</summary>
    internal static string? NodesWaitingFor(IReadOnlyCollection<V1Node> nodes)
    {
        if (nodes.Count == 0)
        {
            return "a node to register";
        }

        var notReady = nodes.Where(n => !IsReady(n)).Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        if (notReady.Count > 0)
        {
            return $"nodes to be Ready: {string.Join(", ", notReady)}";
        }

        return nodes.Any(n => Unschedulable(n) is null)
            ? null
            : $"a schedulable node ({string.Join("; ", nodes.Select(n => $"{n.Metadata.Name}: {Unschedulable(n)}"))})";
    }

    private static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Why no Pod can be scheduled to <paramref name="node"/>, or null if one can.</summary>
    private static string? Unschedulable(V1Node node)
    {
        if (node.Spec?.Unschedulable == true)
        {
            return "cordoned";
        }

        var taints = node.Spec?.Taints?.Where(t => t.Effect is "NoSchedule" or "NoExecute").ToList() ?? [];
        return taints.Count == 0
            ? null
            : "tainted " + string.Join(", ", taints.Select(t => $"{t.Key}{(string.IsNullOrEmpty(t.Value) ? string.Empty : "=" + t.Value)}:{t.Effect}"));
    }

    private async Task<string> DiagnoseNodesAsync(IReadOnlyCollection<V1Node> nodes, CancellationToken ct)
    {
        if (nodes.Count == 0)
        {
            return "  no node has registered with the API server";
        }

        var text = new StringBuilder();
        foreach (var node in nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            text.Append(CultureInfo.InvariantCulture, $"  Node {node.Metadata.Name}: Ready={ready?.Status ?? "Unknown"}");
            if (ready is not null && ready.Status != "True")
            {
                text.Append(CultureInfo.InvariantCulture, $" {ready.Reason}: {ready.Message}");
            }

            if (Unschedulable(node) is { } why)
            {
                text.Append("; not schedulable: ").Append(why);
            }

            text.AppendLine();
            if (!IsReady(node) || Unschedulable(node) is not null)
            {
                text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "Node", null, node.Metadata.Name, "    ", ct).ConfigureAwait(false));
            }
        }

        return text.ToString().TrimEnd();
    }
}
