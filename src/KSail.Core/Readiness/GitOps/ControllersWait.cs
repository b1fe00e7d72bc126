using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>
/// The controllers step of <see cref="GitOpsReadiness"/>: the engine's Deployments (at least one)
/// and StatefulSets in its namespace are available; on timeout, says which are not and why.
/// </summary>
internal sealed class ControllersWait(IKubernetes client, string ns, IProgress<ProgressEvent>? progress, TimeProvider time)
{
    /// <summary>Waits for the controllers within <paramref name="timeout"/>.</summary>
    public async Task RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deployments = new ResumableWatch<V1Deployment, V1DeploymentList>(
            (version, watching, token) => client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(
                ns, resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time));
        var statefulSets = new ResumableWatch<V1StatefulSet, V1StatefulSetList>(
            (version, watching, token) => client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(
                ns, resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time));
        await ReadinessStep.RunAsync(
            GitOpsReadiness.ControllersStep,
            timeout,
            progress,
            time,
            async (step, token) =>
            {
                await deployments.UntilAsync(
                    items =>
                    {
                        var pending = items.Where(d => !IsAvailable(d)).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                        step.WaitingFor(items.Count == 0 ? $"the engine's Deployments in {ns}" : $"Deployments in {ns} to be available: {string.Join(", ", pending)}");
                        return items.Count > 0 && pending.Count == 0;
                    },
                    token).ConfigureAwait(false);
                await statefulSets.UntilAsync(
                    items =>
                    {
                        var pending = items.Where(s => !IsAvailable(s)).Select(s => s.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                        step.WaitingFor($"StatefulSets in {ns} to be ready: {string.Join(", ", pending)}");
                        return pending.Count == 0;
                    },
                    token).ConfigureAwait(false);
            },
            async (_, token) =>
            {
                var text = new StringBuilder();
                if (deployments.Objects.Count == 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  no Deployment in namespace {ns}: is the engine installed?");
                }

                foreach (var d in deployments.Objects.Where(d => !IsAvailable(d)))
                {
                    var available = d.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available");
                    text.AppendLine(CultureInfo.InvariantCulture, $"  Deployment {ns}/{d.Metadata.Name}: {d.Status?.AvailableReplicas ?? 0} of {d.Spec?.Replicas ?? 1} available; Available={available?.Status ?? "Unknown"} {available?.Reason}: {available?.Message}");
                    text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "Deployment", ns, d.Metadata.Name, "    ", token).ConfigureAwait(false));
                }

                foreach (var s in statefulSets.Objects.Where(s => !IsAvailable(s)))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  StatefulSet {ns}/{s.Metadata.Name}: {s.Status?.ReadyReplicas ?? 0} of {s.Spec?.Replicas ?? 1} ready");
                    text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "StatefulSet", ns, s.Metadata.Name, "    ", token).ConfigureAwait(false));
                }

                return text.ToString().TrimEnd();
            },
            ct).ConfigureAwait(false);
    }

    private static bool IsAvailable(V1Deployment d)
    {
        var desired = d.Spec?.Replicas ?? 1;
        var s = d.Status;
        return s is not null && s.ObservedGeneration >= d.Metadata.Generation
            && (s.AvailableReplicas ?? 0) >= desired && (s.UpdatedReplicas ?? 0) >= desired;
    }

    private static bool IsAvailable(V1StatefulSet set)
    {
        var desired = set.Spec?.Replicas ?? 1;
        var s = set.Status;
        return s is not null && s.ObservedGeneration >= set.Metadata.Generation && (s.ReadyReplicas ?? 0) >= desired;
    }
}
