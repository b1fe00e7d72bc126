using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>
/// Step 3 of <see cref="ClusterStabilityCheck"/>: every kube-system DaemonSet ready (desired = ready =
/// updated, none unavailable, current generation observed). Without a CNI (<paramref name="withoutCni"/>),
/// only the DaemonSets on the host network (kube-proxy) can run; the others are named, not waited for.
/// </summary>
internal sealed class DaemonSetsWait(IKubernetes client, IProgress<ProgressEvent>? progress, TimeProvider time, bool withoutCni = false)
{
    private const string SystemNamespace = "kube-system";

    /// <summary>Runs the step within <paramref name="timeout"/>.</summary>
    public Task RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        var watch = new ResumableWatch<V1DaemonSet, V1DaemonSetList>(
            (version, watching, token) => client.AppsV1.ListNamespacedDaemonSetWithHttpMessagesAsync(
                SystemNamespace, resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time, message => progress?.Report(new ProgressEvent(ClusterStabilityCheck.DaemonSetsStep, $"reconnecting: {message}", ProgressLevel.Debug))));
        return ReadinessStep.RunAsync(
            ClusterStabilityCheck.DaemonSetsStep,
            timeout,
            progress,
            time,
            (step, token) => watch.UntilAsync(
                daemonSets =>
                {
                    var waiting = daemonSets.Where(d => !IsReady(d) && Waited(d)).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                    if (waiting.Count == 0)
                    {
                        var skipped = daemonSets.Where(d => !Waited(d)).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                        if (skipped.Count > 0)
                        {
                            progress?.Report(new ProgressEvent(ClusterStabilityCheck.DaemonSetsStep, $"not waited for without a CNI (their Pods need one): {string.Join(", ", skipped)}"));
                        }

                        return true;
                    }

                    step.WaitingFor($"DaemonSets to be ready: {string.Join(", ", waiting)}");
                    return false;
                },
                token),
            (_, token) => DiagnoseDaemonSetsAsync(watch.Objects, token),
            ct);
    }

    // Without a CNI only Pods on the host network can start (the kubelet refuses the others while NetworkReady=false).
    private bool Waited(V1DaemonSet daemonSet) => !withoutCni || OnTheHostNetwork(daemonSet);

    /// <summary>Whether a DaemonSet's Pods run on the node's network (<c>hostNetwork: true</c>), so they need no CNI.</summary>
    internal static bool OnTheHostNetwork(V1DaemonSet daemonSet) => daemonSet.Spec?.Template?.Spec?.HostNetwork == true;

    /// <summary>Whether a DaemonSet is ready: current generation observed, desired = ready = updated, none unavailable.</summary>
    internal static bool IsReady(V1DaemonSet daemonSet)
    {
        var status = daemonSet.Status;
        return status is not null
            && status.ObservedGeneration >= daemonSet.Metadata.Generation
            && status.NumberReady == status.DesiredNumberScheduled
            && status.UpdatedNumberScheduled == status.DesiredNumberScheduled
            && (status.NumberUnavailable ?? 0) == 0;
    }

    private async Task<string> DiagnoseDaemonSetsAsync(IReadOnlyCollection<V1DaemonSet> daemonSets, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var daemonSet in daemonSets.Where(d => !IsReady(d) && Waited(d)).OrderBy(d => d.Metadata.Name, StringComparer.Ordinal))
        {
            var s = daemonSet.Status;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  DaemonSet {SystemNamespace}/{daemonSet.Metadata.Name}: desired {s?.DesiredNumberScheduled}, ready {s?.NumberReady}, updated {s?.UpdatedNumberScheduled}, unavailable {s?.NumberUnavailable ?? 0}, observed generation {s?.ObservedGeneration?.ToString(CultureInfo.InvariantCulture) ?? "none"} of {daemonSet.Metadata.Generation}");
            text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "DaemonSet", SystemNamespace, daemonSet.Metadata.Name, "    ", ct).ConfigureAwait(false));
            var labels = daemonSet.Spec?.Selector?.MatchLabels;
            if (labels is null || labels.Count == 0)
            {
                continue;
            }

            var pods = await client.CoreV1.ListNamespacedPodAsync(
                SystemNamespace, labelSelector: string.Join(',', labels.Select(l => $"{l.Key}={l.Value}")), cancellationToken: ct).ConfigureAwait(false);
            foreach (var pod in pods.Items.Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true).Take(3))
            {
                text.AppendLine(await ClusterDiagnosis.PodAsync(client, pod, "    ", ct).ConfigureAwait(false));
            }
        }

        return text.Length == 0 ? "  every DaemonSet was ready at the last look" : text.ToString().TrimEnd();
    }
}
