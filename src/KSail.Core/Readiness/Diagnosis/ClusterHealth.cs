using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>
/// Looks once at a running cluster: nodes and their conditions, kube-system Pods that are not
/// Running and Ready, DaemonSets that are not ready, Flux and Argo CD objects that are not ready
/// (judged as GitOps readiness judges them) and recent Warning events.
/// </summary>
public static class ClusterHealth
{
    /// <summary>The kind of a problem with a node's container (stopped, exited).</summary>
    public const string NodeContainerKind = "NodeContainer";

    /// <summary>How far back Warning events are shown.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromMinutes(15);

    private const string SystemNamespace = "kube-system";
    private const int WarningCount = 10;

    private static readonly (string Kind, string Group, string Version, string Plural, string? RevisionField)[] GitOpsKinds =
    [
        ("Kustomization", "kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "lastAppliedRevision"),
        ("HelmRelease", "helm.toolkit.fluxcd.io", "v2", "helmreleases", "lastAttemptedRevision"),
        ("Application", "argoproj.io", "v1alpha1", "applications", null),
    ];

    // Node conditions other than Ready that are a problem when True.
    private static readonly HashSet<string> PressureConditions = new(StringComparer.Ordinal) { "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable" };

    /// <summary>Looks at the cluster behind <paramref name="client"/> once.</summary>
    public static async Task<ClusterHealthReport> CheckAsync(IKubernetes client, string cluster, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        time ??= TimeProvider.System;
        var problems = new List<HealthProblem>();

        var nodeList = await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false);
        var nodes = new List<NodeHealth>();
        foreach (var node in nodeList.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var conditions = node.Status?.Conditions ?? [];
            var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
            nodes.Add(new NodeHealth(node.Metadata.Name, ready?.Status == "True", conditions.Select(c => $"{c.Type}={c.Status}").ToList()));
            var bad = conditions.Where(c => (c.Type == "Ready" && c.Status != "True") || (PressureConditions.Contains(c.Type) && c.Status == "True")).ToList();
            if (ready is null)
            {
                problems.Add(new HealthProblem("Node", null, node.Metadata.Name, "no Ready condition yet", []));
            }
            else if (bad.Count > 0)
            {
                var reason = string.Join("; ", bad.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}".Trim()));
                problems.Add(new HealthProblem("Node", null, node.Metadata.Name, reason, await EventsAsync(client, "Node", null, node.Metadata.Name, ct).ConfigureAwait(false)));
            }
        }

        var pods = await client.CoreV1.ListNamespacedPodAsync(SystemNamespace, cancellationToken: ct).ConfigureAwait(false);
        foreach (var pod in pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            if (PodProblem(pod) is { } reason)
            {
                problems.Add(new HealthProblem("Pod", SystemNamespace, pod.Metadata.Name, reason, []));
            }
        }

        var daemonSets = await client.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false);
        foreach (var daemonSet in daemonSets.Items.OrderBy(d => d.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(d => d.Metadata.Name, StringComparer.Ordinal))
        {
            if (DaemonSetProblem(daemonSet) is { } reason)
            {
                problems.Add(new HealthProblem(
                    "DaemonSet",
                    daemonSet.Metadata.NamespaceProperty,
                    daemonSet.Metadata.Name,
                    reason,
                    await EventsAsync(client, "DaemonSet", daemonSet.Metadata.NamespaceProperty, daemonSet.Metadata.Name, ct).ConfigureAwait(false)));
            }
        }

        var terminal = new GitOpsReadinessOptions().TerminalFluxReasons;
        foreach (var (kind, group, version, plural, revisionField) in GitOpsKinds)
        {
            GitOpsObjectList list;
            try
            {
                list = await client.CustomObjects.ListClusterCustomObjectAsync<GitOpsObjectList>(group, version, plural, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue; // The engine is not installed.
            }

            foreach (var item in list.Items)
            {
                var verdict = revisionField is null ? ArgoVerdicts.Evaluate(item) : FluxVerdicts.Evaluate(item, revisionField, terminal);
                if (verdict.State != VerdictState.Ready)
                {
                    problems.Add(new HealthProblem(
                        kind,
                        item.Metadata.NamespaceProperty,
                        item.Metadata.Name,
                        verdict.State == VerdictState.Failed ? $"failed: {verdict.Why}" : $"not ready: {verdict.Why}",
                        await EventsAsync(client, kind, item.Metadata.NamespaceProperty, item.Metadata.Name, ct).ConfigureAwait(false)));
                }
            }
        }

        var since = time.GetUtcNow() - WarningWindow;
        var events = await client.CoreV1.ListEventForAllNamespacesAsync(fieldSelector: "type=Warning", cancellationToken: ct).ConfigureAwait(false);
        var warnings = events.Items
            .Select(e => (Event: e, Seen: LastSeen(e)))
            .Where(e => e.Seen is null || e.Seen >= since)
            .OrderByDescending(e => e.Seen)
            .Take(WarningCount)
            .Select(e => new WarningEvent(
                $"{e.Event.InvolvedObject.Kind} {(e.Event.InvolvedObject.NamespaceProperty is { Length: > 0 } ns ? ns + "/" : string.Empty)}{e.Event.InvolvedObject.Name}",
                e.Event.Reason ?? string.Empty,
                e.Event.Message?.Trim() ?? string.Empty,
                e.Event.Count ?? 1,
                e.Seen))
            .ToList();

        return new ClusterHealthReport(cluster, true, nodes, problems, warnings);
    }

    /// <summary>Why a Pod is not Running and Ready (a completed Pod is fine), or null.</summary>
    internal static string? PodProblem(V1Pod pod)
    {
        var phase = pod.Status?.Phase ?? "Unknown";
        if (phase == "Succeeded")
        {
            return null;
        }

        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
        if (phase == "Running" && ready)
        {
            return null;
        }

        var containers = (pod.Status?.ContainerStatuses ?? [])
            .Where(c => !c.Ready)
            .Select(c => c.State?.Waiting is { } w ? $"container {c.Name} waiting: {w.Reason}{(string.IsNullOrEmpty(w.Message) ? string.Empty : $" ({w.Message.Trim()})")}"
                : c.State?.Terminated is { } t ? $"container {c.Name} terminated: exit code {t.ExitCode} {t.Reason}"
                : $"container {c.Name} not ready")
            .ToList();
        return $"phase {phase}{(ready ? string.Empty : ", not Ready")}{(pod.Spec?.NodeName is { } node ? $" on {node}" : string.Empty)}"
            + (containers.Count == 0 ? string.Empty : "; " + string.Join("; ", containers));
    }

    /// <summary>Why a DaemonSet is not ready (not every scheduled Pod ready, available and updated), or null.</summary>
    internal static string? DaemonSetProblem(V1DaemonSet daemonSet)
    {
        var status = daemonSet.Status;
        if (status is null)
        {
            return "no status yet";
        }

        if ((daemonSet.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return $"generation {daemonSet.Metadata.Generation} not yet observed";
        }

        var desired = status.DesiredNumberScheduled;
        return status.NumberReady < desired || (status.NumberUnavailable ?? 0) > 0 || (status.UpdatedNumberScheduled ?? desired) < desired
            ? string.Create(CultureInfo.InvariantCulture, $"{status.NumberReady}/{desired} Pods ready, {status.NumberUnavailable ?? 0} unavailable, {status.UpdatedNumberScheduled ?? 0} updated")
            : null;
    }

    private static DateTimeOffset? LastSeen(Corev1Event e) =>
        (e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp) is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static async Task<IReadOnlyList<string>> EventsAsync(IKubernetes client, string kind, string? @namespace, string name, CancellationToken ct)
    {
        var text = await ClusterDiagnosis.EventsAsync(client, kind, @namespace, name, string.Empty, ct).ConfigureAwait(false);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l is not ("no events" or "recent events:"))
            .ToList();
    }
}
