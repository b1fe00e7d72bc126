using System.Text.Json;
using k8s;
using k8s.Models;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Readiness;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Readiness.GitOps;

/// <summary>
/// <c>workload reconcile</c>'s cluster side against the real OCIRepository, Kustomization and
/// Application CRDs, served by the test bed's control plane: the test plays source-controller and
/// kustomize-controller (answering <c>reconcile.fluxcd.io/requestedAt</c> in
/// <c>status.lastHandledReconcileAt</c>, as fluxcd/pkg apis/meta describes) or Argo CD's application
/// controller (removing <c>argocd.argoproj.io/refresh</c> once refreshed). PARITY 20.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class GitOpsReconcileTests(ControlPlane controlPlane) : IAsyncLifetime
{
    private const string Source = "source.toolkit.fluxcd.io";
    private const string Kustomize = "kustomize.toolkit.fluxcd.io";
    private const string Argo = "argoproj.io";
    private const string OldRevision = "dev@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string NewRevision = "dev@sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string NewDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string OldDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Repository = "oci://reconcile-local-registry:5000/reconcile";
    private readonly string ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";

    private IKubernetes Client => controlPlane.Client;

    private string Selector => $"{GitOpsReadinessOptions.ManagedSelector},test={ns}";

    private Dictionary<string, string> Labels => new() { ["io.ksail.managed-by"] = "ksail.net", ["test"] = ns };

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await controlPlane.StartAsync();
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("flux/source.toolkit.fluxcd.io_ocirepositories.yaml"), ct);
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml"), ct);
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("argocd/application-crd.yaml"), ct);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
    }

    public async ValueTask DisposeAsync() =>
        await Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);

    [Fact]
    public async Task Flux_reconcile_annotates_the_OCIRepository_and_Kustomization_waits_past_a_stale_revision_and_returns_at_the_pushed_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var (source, kustomization) = await CreateFluxObjectsAsync(ct);
        var controller = new StandInController(Client);
        await SetOciRepositoryAsync(controller, source, OldRevision, handled: null, ct);
        await SetKustomizationAsync(controller, kustomization, OldRevision, handled: null, ct: ct);
        string? token = null;
        var progress = new ProgressRecorder<ProgressEvent>()
            .Once(
                e => e.Message.Contains($"OCIRepository {ns}/flux-system (reconcile request", StringComparison.Ordinal),
                _ =>
                {
                    // source-controller handles the request and serves the pushed artifact; kustomize-controller
                    // handles its own request before the new source reaches it: Ready, but at the old revision.
                    token = AnnotationAsync(Source, "ocirepositories", GitOpsReconcile.FluxAnnotation, ct).GetAwaiter().GetResult();
                    SetOciRepositoryAsync(controller, source, NewRevision, token, ct).GetAwaiter().GetResult();
                    SetKustomizationAsync(controller, kustomization, OldRevision, token, ct: ct).GetAwaiter().GetResult();
                })
            .Once(
                e => e.Message.Contains($"Kustomization {ns}/flux-system (Ready at {OldRevision}, not yet at {NewRevision})", StringComparison.Ordinal),
                _ => SetKustomizationAsync(controller, kustomization, NewRevision, token, ct: ct).GetAwaiter().GetResult());

        var result = await new GitOpsReconcile(Client, progress, TimeProvider.System).RunAsync(GitOpsEngine.Flux, NewRevision, TimeSpan.FromMinutes(2), Selector, ct: ct);

        Assert.Equal(NewRevision, result.Revision);
        Assert.Equal([$"OCIRepository {ns}/flux-system", $"Kustomization {ns}/flux-system"], result.Objects);
        Assert.NotNull(result.RequestedAt);
        Assert.Equal(result.RequestedAt, token);
        Assert.Equal(result.RequestedAt, await AnnotationAsync(Kustomize, "kustomizations", GitOpsReconcile.FluxAnnotation, ct));
        Assert.Contains(progress.Events, e => e.Message.Contains($"Kustomization {ns}/flux-system (Ready at {OldRevision}, not yet at {NewRevision})", StringComparison.Ordinal));
        Assert.Contains(progress.Events, e => e.Step == GitOpsReadiness.ReconcileStep && e.Message.StartsWith("ready after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_excluded_Kustomization_is_asked_to_reconcile_but_not_waited_for()
    {
        var ct = TestContext.Current.CancellationToken;
        var (source, kustomization) = await CreateFluxObjectsAsync(ct);
        await FluxObjects.CreateKustomizationAsync(Client, ns, "slow-apps", Labels, ct);
        var controller = new StandInController(Client);
        await SetOciRepositoryAsync(controller, source, OldRevision, handled: null, ct);
        var progress = new ProgressRecorder<ProgressEvent>().Once(
            e => e.Message.Contains($"OCIRepository {ns}/flux-system (reconcile request", StringComparison.Ordinal),
            _ =>
            {
                var token = AnnotationAsync(Source, "ocirepositories", GitOpsReconcile.FluxAnnotation, ct).GetAwaiter().GetResult();
                SetOciRepositoryAsync(controller, source, NewRevision, token, ct).GetAwaiter().GetResult();
                SetKustomizationAsync(controller, kustomization, NewRevision, token, ct: ct).GetAwaiter().GetResult();
            });

        // slow-apps never reports anything (KSail's --exclude: a bare Kustomization name).
        var result = await new GitOpsReconcile(Client, progress, TimeProvider.System).RunAsync(GitOpsEngine.Flux, NewRevision, TimeSpan.FromMinutes(2), Selector, ["slow-apps"], ct);

        Assert.Contains($"Kustomization {ns}/slow-apps", result.Objects);
        Assert.NotNull(await AnnotationAsync(Kustomize, "kustomizations", GitOpsReconcile.FluxAnnotation, ct, name: "slow-apps"));
        Assert.DoesNotContain(progress.Events, e => e.Message.Contains("slow-apps (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Flux_reconcile_that_never_reaches_the_pushed_revision_times_out_naming_the_revision_each_object_is_at()
    {
        var ct = TestContext.Current.CancellationToken;
        var (source, kustomization) = await CreateFluxObjectsAsync(ct);
        var controller = new StandInController(Client);
        await SetOciRepositoryAsync(controller, source, OldRevision, handled: null, ct);
        await SetKustomizationAsync(controller, kustomization, OldRevision, handled: null, ct: ct);

        // source-controller handles the request but the registry still serves the old artifact.
        var progress = new ProgressRecorder<ProgressEvent>().Once(
            e => e.Message.Contains($"OCIRepository {ns}/flux-system (reconcile request", StringComparison.Ordinal),
            _ => SetOciRepositoryAsync(controller, source, OldRevision, AnnotationAsync(Source, "ocirepositories", GitOpsReconcile.FluxAnnotation, ct).GetAwaiter().GetResult(), ct).GetAwaiter().GetResult());

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => new GitOpsReconcile(Client, progress, TimeProvider.System).RunAsync(GitOpsEngine.Flux, NewRevision, TimeSpan.FromSeconds(3), Selector, ct: ct));

        Assert.Equal(ExitCodes.ReadinessTimedOut, error.ExitCode);
        Assert.Equal(GitOpsReadiness.ReconcileStep, error.Step);
        Assert.Contains($"OCIRepository {ns}/flux-system: Ready at {OldRevision}, not yet at {NewRevision}", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains($"Kustomization {ns}/flux-system: reconcile request ", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains($"not yet handled (last handled: none); at {OldRevision}, waiting for {NewRevision}", error.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_failure_of_the_old_revision_keeps_waiting_but_one_of_the_pushed_revision_fails_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (source, kustomization) = await CreateFluxObjectsAsync(ct);
        var controller = new StandInController(Client);
        await SetOciRepositoryAsync(controller, source, OldRevision, handled: null, ct);
        await SetKustomizationAsync(controller, kustomization, OldRevision, handled: null, failure: "BuildFailed", ct: ct);

        // The old revision's failure (its request not handled, its attempt not the pushed revision)
        // is only waited past; kustomize-controller then tries the pushed revision, and fails.
        var progress = new ProgressRecorder<ProgressEvent>().Once(
            e => e.Message.Contains($"Kustomization {ns}/flux-system (Ready=False BuildFailed: kustomize build failed; at {OldRevision}, waiting for {NewRevision})", StringComparison.Ordinal),
            _ => SetKustomizationAsync(controller, kustomization, OldRevision, AnnotationAsync(Kustomize, "kustomizations", GitOpsReconcile.FluxAnnotation, ct).GetAwaiter().GetResult(), failure: "BuildFailed", attempted: NewRevision, ct: ct).GetAwaiter().GetResult());

        // The limit is long: the failure of the pushed revision must end the wait, not the limit.
        var error = await Assert.ThrowsAsync<ReadinessFailedException>(() => new GitOpsReconcile(Client, progress, TimeProvider.System).RunAsync(GitOpsEngine.Flux, NewRevision, TimeSpan.FromMinutes(10), Selector, ct: ct));

        Assert.Equal($"Kustomization {ns}/flux-system", error.ObjectName);
        Assert.Equal("Ready=False BuildFailed: kustomize build failed", error.Reason);
    }

    [Fact]
    public async Task Argo_CD_reconcile_asks_for_a_hard_refresh_and_returns_when_the_Application_is_synced_at_the_pushed_digest()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateApplicationAsync("workload", ct);
        var controller = new StandInController(Client);
        await controller.SetStatusAsync(Argo, "v1alpha1", "applications", ns, "workload", ArgoStatus(OldDigest), statusSubresource: false, ct);
        string? refresh = null;
        var progress = new ProgressRecorder<ProgressEvent>().Once(
            e => e.Message.Contains($"Application {ns}/workload (Synced and Healthy at {OldDigest}, not yet at {NewDigest} (refresh not yet handled))", StringComparison.Ordinal),
            _ =>
            {
                // The application controller refreshes: it drops the annotation and syncs the digest the tag now names.
                refresh = AnnotationAsync(Argo, "applications", "argocd.argoproj.io/refresh", ct, name: "workload").GetAwaiter().GetResult();
                Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    new V1Patch(new { metadata = new { annotations = new Dictionary<string, string?> { ["argocd.argoproj.io/refresh"] = null } }, status = ArgoStatus(NewDigest) }, V1Patch.PatchType.MergePatch),
                    Argo, "v1alpha1", ns, "applications", "workload", cancellationToken: ct).GetAwaiter().GetResult();
            });

        var result = await new GitOpsReconcile(Client, progress, TimeProvider.System).RunAsync(GitOpsEngine.ArgoCD, NewRevision, TimeSpan.FromMinutes(2), Selector, ct: ct);

        Assert.Equal("hard", refresh);
        Assert.Equal(NewDigest, result.Revision);
        Assert.Null(result.RequestedAt);
        Assert.Equal([$"Application {ns}/workload"], result.Objects);
    }

    [Fact]
    public async Task An_Argo_CD_reconcile_that_is_never_refreshed_times_out_naming_the_digest_the_Application_is_at()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateApplicationAsync("workload", ct);
        await new StandInController(Client).SetStatusAsync(Argo, "v1alpha1", "applications", ns, "workload", ArgoStatus(OldDigest), statusSubresource: false, ct);

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => new GitOpsReconcile(Client, null, TimeProvider.System).RunAsync(GitOpsEngine.ArgoCD, NewRevision, TimeSpan.FromSeconds(2), Selector, ct: ct));

        Assert.Contains($"Application {ns}/workload: Synced and Healthy at {OldDigest}, not yet at {NewDigest} (refresh not yet handled)", error.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_without_KSails_GitOps_objects_has_nothing_to_reconcile()
    {
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => new GitOpsReconcile(Client, null, TimeProvider.System).RunAsync(GitOpsEngine.Flux, NewRevision, TimeSpan.FromMinutes(1), Selector, ct: ct));

        Assert.Equal(ExitCodes.InvalidConfiguration, error.ExitCode);
        Assert.Contains($"nothing to reconcile: the cluster has no OCIRepository or Kustomization labelled {Selector}", error.Message, StringComparison.Ordinal);
    }

    private async Task<(long Source, long Kustomization)> CreateFluxObjectsAsync(CancellationToken ct) =>
        (await FluxObjects.CreateOciRepositoryAsync(Client, ns, "flux-system", Repository, Labels, ct), await FluxObjects.CreateKustomizationAsync(Client, ns, "flux-system", Labels, ct));

    private Task SetOciRepositoryAsync(StandInController controller, long generation, string revision, string? handled, CancellationToken ct) =>
        controller.SetStatusAsync(
            Source,
            "v1",
            "ocirepositories",
            ns,
            "flux-system",
            new
            {
                observedGeneration = generation,
                lastHandledReconcileAt = handled,
                artifact = FluxObjects.Artifact(revision),
                conditions = new[] { new { type = "Ready", status = "True", reason = "Succeeded", message = $"stored artifact for digest '{revision}'", lastTransitionTime = "2024-01-01T00:00:00Z" } },
            },
            statusSubresource: true,
            ct);

    private Task SetKustomizationAsync(StandInController controller, long generation, string applied, string? handled, string? failure = null, string? attempted = null, CancellationToken ct = default) =>
        controller.SetStatusAsync(
            Kustomize,
            "v1",
            "kustomizations",
            ns,
            "flux-system",
            new
            {
                observedGeneration = generation,
                lastHandledReconcileAt = handled,
                lastAppliedRevision = applied,
                lastAttemptedRevision = attempted ?? applied,
                conditions = new[]
                {
                    failure is null
                        ? new { type = "Ready", status = "True", reason = "ReconciliationSucceeded", message = $"Applied revision: {applied}", lastTransitionTime = "2024-01-01T00:00:00Z" }
                        : new { type = "Ready", status = "False", reason = failure, message = "kustomize build failed", lastTransitionTime = "2024-01-01T00:00:00Z" },
                },
            },
            statusSubresource: true,
            ct);

    private async Task<string?> AnnotationAsync(string group, string plural, string key, CancellationToken ct, string name = "flux-system")
    {
        var item = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(group, group == Argo ? "v1alpha1" : "v1", ns, plural, name, ct);
        return item.GetProperty("metadata").TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty(key, out var value) ? value.GetString() : null;
    }

    private Task<JsonElement> CreateApplicationAsync(string name, CancellationToken ct) =>
        ArgoObjects.CreateApplicationAsync(Client, ns, name, Labels, Repository, ct);

    private static object ArgoStatus(string revision) => ArgoObjects.Status("Synced", "Healthy", revision, "dev", Repository);
}
