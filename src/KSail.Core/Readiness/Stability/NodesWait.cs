using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>
/// Step 2 of <see cref="ClusterStabilityCheck"/>: every node Ready and at least one schedulable (no
/// NoSchedule/NoExecute taint, not cordoned). Without a CNI (<paramref name="withoutCni"/>), no node
/// can be Ready: every node must then have registered and lack nothing but the network.
/// </summary>
internal sealed class NodesWait(IKubernetes client, IProgress<ProgressEvent>? progress, TimeProvider time, bool withoutCni = false)
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
                    var waiting = withoutCni ? NodesWaitingForOnlyANetwork(nodes) : NodesWaitingFor(nodes);
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

    /// <summary>
    /// Without a CNI: what the nodes still lack besides the network, or null when every node is Ready or
    /// NotReady only because no network plugin runs (the kubelet's NetworkReady=false).
    /// </summary>
    internal static string? NodesWaitingForOnlyANetwork(IReadOnlyCollection<V1Node> nodes)
    {
        if (nodes.Count == 0)
        {
            return "a node to register";
        }

        var waiting = nodes.Where(n => !IsReady(n) && !LacksOnlyANetwork(n)).Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        return waiting.Count == 0
            ? null
            : $"nodes to lack nothing but a CNI: {string.Join(", ", waiting)}";
    }

    // The kubelet's Ready condition names the runtime's network status (NetworkReady=false reason:NetworkPluginNotReady
    // ...) when no CNI config is installed; any other reason (the kubelet starting, PLEG) is still waited for.
    private static bool LacksOnlyANetwork(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready") is { Status: "False", Message: { } message }
        && message.Contains("NetworkReady=false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the node's Ready condition is True.</summary>
    internal static bool IsReady(V1Node node) =>
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
