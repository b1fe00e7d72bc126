using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Readiness;

/// <summary>
/// <c>workload reconcile</c>'s cluster side: asks the GitOps engine to reconcile now, then waits
/// (with <see cref="GitOpsReadiness"/>) until it reports the pushed revision. Flux: the
/// <c>reconcile.fluxcd.io/requestedAt</c> annotation (fluxcd/pkg apis/meta ReconcileRequestAnnotation)
/// on the OCIRepositories and Kustomizations KSail labels, as <c>flux reconcile</c> and KSail
/// (pkg/client/flux/ocirepository.go, kustomization.go) set it, and the controllers must report it
/// back in <c>status.lastHandledReconcileAt</c>; Argo CD: the <c>argocd.argoproj.io/refresh: hard</c>
/// annotation on the Applications KSail labels (KSail's pkg/client/argocd/reconciler.go TriggerRefresh),
/// which the application controller removes once it has refreshed.
/// </summary>
internal sealed class GitOpsReconcile(IKubernetes client, IProgress<ProgressEvent>? progress, TimeProvider time)
{
    /// <summary>The name of the request step in progress events.</summary>
    public const string RequestStep = "request GitOps reconcile";

    /// <summary>Flux's reconcile request annotation.</summary>
    public const string FluxAnnotation = "reconcile.fluxcd.io/requestedAt";

    // How long a refused or dropped API request is tried again before the request step gives up.
    private static readonly TimeSpan RequestRetryLimit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Annotates the objects <paramref name="labelSelector"/> selects and waits within
    /// <paramref name="timeout"/> until each reports <paramref name="expectedRevision"/>
    /// (<c>&lt;tag&gt;@sha256:&lt;hex&gt;</c>).
    /// </summary>
    /// <exception cref="ConfigurationException">No object to reconcile (exit code 3).</exception>
    /// <exception cref="ReadinessTimeoutException">Not at the revision in time; the diagnosis names the revision each object is at (exit code 6).</exception>
    /// <exception cref="ReadinessFailedException">An object failed for good at that revision (exit code 6).</exception>
    /// <param name="engine">The GitOps engine.</param>
    /// <param name="expectedRevision">The pushed revision, <c>&lt;tag&gt;@sha256:&lt;hex&gt;</c>.</param>
    /// <param name="timeout">The time limit of the request and the wait.</param>
    /// <param name="labelSelector">The objects to annotate and wait for.</param>
    /// <param name="exclude">Objects annotated but not waited for (<see cref="GitOpsReadinessOptions.Exclude"/>).</param>
    /// <param name="ct">Cancels the reconcile.</param>
    public async Task<GitOpsReconcileResult> RunAsync(GitOpsEngine engine, string expectedRevision, TimeSpan timeout, string labelSelector, IReadOnlyList<string>? exclude = null, CancellationToken ct = default)
    {
        var wait = new GitOpsReadinessOptions { Engine = engine, Timeout = timeout, LabelSelector = labelSelector, ExpectedRevision = expectedRevision, Exclude = exclude, WaitForControllers = false };
        wait.Validate();
        var started = time.GetTimestamp();
        var (requestedAt, objects) = await RequestAsync(engine, labelSelector, ct).ConfigureAwait(false);
        var left = timeout - time.GetElapsedTime(started);
        await new GitOpsReadiness(client, wait with { ReconcileRequestedAt = requestedAt, Timeout = left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1) }, progress, time)
            .WaitForObjectsAsync(ct).ConfigureAwait(false);
        return new GitOpsReconcileResult(engine == GitOpsEngine.ArgoCD ? wait.ExpectedDigest! : expectedRevision, requestedAt, objects);
    }

    /// <summary>
    /// Writes the engine's reconcile request on every object <paramref name="labelSelector"/> selects;
    /// returns the Flux token written (null for Argo CD) and the objects, as <c>Kind namespace/name</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">No object to reconcile (exit code 3).</exception>
    public async Task<(string? RequestedAt, IReadOnlyList<string> Objects)> RequestAsync(GitOpsEngine engine, string labelSelector, CancellationToken ct = default)
    {
        // Flux's CLI writes the time as the token; any new value asks for a reconcile.
        var requestedAt = engine == GitOpsEngine.ArgoCD ? null : time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var annotation = engine == GitOpsEngine.ArgoCD ? (Key: ArgoVerdicts.RefreshAnnotation, Value: "hard") : (Key: FluxAnnotation, Value: requestedAt!);
        var patch = new V1Patch(new { metadata = new { annotations = new Dictionary<string, string> { [annotation.Key] = annotation.Value } } }, V1Patch.PatchType.MergePatch);
        var kinds = engine == GitOpsEngine.ArgoCD ? [GitOpsKind.Application] : new[] { GitOpsKind.OciRepository, GitOpsKind.Kustomization };
        var annotated = new List<string>();
        foreach (var kind in kinds)
        {
            GitOpsObjectList list;
            try
            {
                list = await Retrying<GitOpsObjectList>(ct).ExecuteAsync(
                    async token => await client.CustomObjects.ListClusterCustomObjectAsync<GitOpsObjectList>(kind.Group, kind.Version, kind.Plural, labelSelector: labelSelector, cancellationToken: token).ConfigureAwait(false),
                    ct).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                progress?.Report(new ProgressEvent(RequestStep, $"{kind.Plural}.{kind.Group} is not served (its CRD is not installed): none to annotate"));
                continue;
            }

            foreach (var item in list.Items.OrderBy(GitOpsKind.Key, StringComparer.Ordinal))
            {
                await Retrying<object>(ct).ExecuteAsync(
                    async token => await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, kind.Group, kind.Version, item.Metadata.NamespaceProperty, kind.Plural, item.Metadata.Name, cancellationToken: token).ConfigureAwait(false),
                    ct).ConfigureAwait(false);
                annotated.Add($"{kind.Kind} {GitOpsKind.Key(item)}");
                progress?.Report(new ProgressEvent(RequestStep, $"{annotation.Key}={annotation.Value} on {kind.Kind} {GitOpsKind.Key(item)}"));
            }
        }

        if (annotated.Count == 0)
        {
            var what = engine == GitOpsEngine.ArgoCD ? "Application" : "OCIRepository or Kustomization";
            throw new ConfigurationException(
                $"nothing to reconcile: the cluster has no {what} labelled {labelSelector}; KSail.NET creates them at create when ksail.yaml declares spec.cluster.gitOpsEngine: {engine} and spec.cluster.localRegistry.registry");
        }

        return (requestedAt, annotated);
    }

    private Polly.ResiliencePipeline<T> Retrying<T>(CancellationToken ct) => Transport.RetryFor<T>(time, RequestRetryLimit, error => Transport.IsTransient(error, ct));
}
