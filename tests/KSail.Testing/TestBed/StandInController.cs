using k8s;
using k8s.Models;

namespace KSail.Testing.TestBed;

/// <summary>
/// Acts as a controller where one cannot run here (Flux's or Argo CD's controllers): sets status
/// conditions on custom objects and emits events, through the real API server, the way those
/// controllers report progress.
/// </summary>
public sealed class StandInController
{
    private readonly IKubernetes client;

    /// <summary>Creates a stand-in acting through <paramref name="client"/>.</summary>
    public StandInController(IKubernetes client) => this.client = client;

    /// <summary>Sets one condition in <c>status.conditions</c> of a namespaced custom object (status subresource).</summary>
    public async Task SetConditionAsync(
        string group,
        string version,
        string plural,
        string @namespace,
        string name,
        string type,
        string status,
        string reason,
        string message,
        CancellationToken ct = default)
    {
        var patch = new
        {
            status = new
            {
                conditions = new[]
                {
                    new
                    {
                        type,
                        status,
                        reason,
                        message,
                        lastTransitionTime = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
            },
        };
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), group, version, @namespace, plural, name, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces <c>status</c> of a namespaced custom object with <paramref name="status"/> (a merge
    /// patch), through the status subresource when the CRD has one (Flux) or on the object itself
    /// when it has none (Argo CD's Application), as the controller would.
    /// </summary>
    public async Task SetStatusAsync(
        string group,
        string version,
        string plural,
        string @namespace,
        string name,
        object status,
        bool statusSubresource,
        CancellationToken ct = default)
    {
        var patch = new V1Patch(new { status }, V1Patch.PatchType.MergePatch);
        if (statusSubresource)
        {
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, group, version, @namespace, plural, name, cancellationToken: ct).ConfigureAwait(false);
        }
        else
        {
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, group, version, @namespace, plural, name, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Plays the Deployment controller once for the Deployments <paramref name="labelSelector"/>
    /// selects (in every namespace): each whose status is behind gets the status the controller writes
    /// once all its Pods are available.
    /// </summary>
    public async Task MarkDeploymentsAvailableAsync(string labelSelector, CancellationToken ct = default)
    {
        var deployments = await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false);
        foreach (var d in deployments.Items.Where(d => d.Status?.ObservedGeneration != d.Metadata.Generation || d.Status?.AvailableReplicas != (d.Spec.Replicas ?? 1)))
        {
            var replicas = d.Spec.Replicas ?? 1;
            var status = new V1DeploymentStatus
            {
                ObservedGeneration = d.Metadata.Generation,
                Replicas = replicas,
                UpdatedReplicas = replicas,
                ReadyReplicas = replicas,
                AvailableReplicas = replicas,
                Conditions = [new V1DeploymentCondition { Type = "Available", Status = "True", Reason = "MinimumReplicasAvailable", Message = "played by the test" }],
            };
            await client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(new { status }, V1Patch.PatchType.MergePatch), d.Metadata.Name, d.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Plays the StatefulSet controller for the StatefulSets <paramref name="labelSelector"/> selects (in
    /// every namespace): each whose status is behind gets the status of all its replicas ready.
    /// </summary>
    public async Task MarkStatefulSetsReadyAsync(string labelSelector, CancellationToken ct = default)
    {
        var sets = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false);
        foreach (var set in sets.Items.Where(x => x.Status?.ObservedGeneration != x.Metadata.Generation || x.Status?.ReadyReplicas != (x.Spec.Replicas ?? 1)))
        {
            var replicas = set.Spec.Replicas ?? 1;
            var status = new { observedGeneration = set.Metadata.Generation, replicas, readyReplicas = replicas, currentReplicas = replicas, updatedReplicas = replicas };
            await client.AppsV1.PatchNamespacedStatefulSetStatusAsync(new V1Patch(new { status }, V1Patch.PatchType.MergePatch), set.Metadata.Name, set.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>Emits an event about an object, as a controller does.</summary>
    public async Task EmitEventAsync(V1ObjectReference about, string type, string reason, string message, string source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(about);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = $"{about.Name}.", NamespaceProperty = about.NamespaceProperty },
            InvolvedObject = about,
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = source },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        await client.CoreV1.CreateNamespacedEventAsync(ev, about.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
    }
}
