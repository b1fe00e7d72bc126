using k8s;
using k8s.Models;
using KSail.Core.Configuration.Model;
using KSail.Core.Readiness;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Readiness.GitOps;

/// <summary>
/// GitOps readiness against the real Flux Kustomization and Argo CD Application CRDs, served by the
/// test bed's control plane; the test acts as kustomize-controller or Argo CD and sets the status.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class GitOpsReadinessTests(ControlPlane controlPlane) : IAsyncLifetime
{
    private const string Flux = "kustomize.toolkit.fluxcd.io";
    private const string Argo = "argoproj.io";
    private const string Repository = "oci://registry.local/guestbook";
    private readonly string ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";

    private IKubernetes Client => controlPlane.Client;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await controlPlane.StartAsync();
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml"), ct);
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("argocd/application-crd.yaml"), ct);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
    }

    public async ValueTask DisposeAsync() =>
        await Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);

    [Fact]
    public async Task A_Kustomization_the_controller_marks_Ready_at_its_generation_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        var generation = await CreateKustomizationAsync("apps", managed: true, ct);
        var controller = new StandInController(Client);
        var progress = new ProgressRecorder<ProgressEvent>()
            .Once(
                e => e.Message.Contains($"Kustomization {ns}/apps (", StringComparison.Ordinal),
                _ => SetFluxStatusAsync(controller, "apps", generation, "True", "ReconciliationSucceeded", "Applied revision: latest@sha256:abc", "latest@sha256:abc", ct).GetAwaiter().GetResult());

        await Readiness(GitOpsEngine.Flux, progress, names: [$"{ns}/apps"]).WaitForObjectsAsync(ct);

        Assert.Contains(progress.Events, e => e.Step == GitOpsReadiness.ReconcileStep && e.Message.StartsWith("ready after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Objects_are_selected_by_KSails_label_and_others_are_left_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var generation = await CreateKustomizationAsync("managed", managed: true, ct);
        await CreateKustomizationAsync("someone-elses", managed: false, ct);
        await SetFluxStatusAsync(new StandInController(Client), "managed", generation, "True", "ReconciliationSucceeded", "Applied", "main@sha1:1", ct);
        var progress = new ProgressRecorder<ProgressEvent>();

        // The unlabelled Kustomization never becomes ready; it must not be waited for.
        await Readiness(GitOpsEngine.Flux, progress).WaitForObjectsAsync(ct);

        Assert.DoesNotContain(progress.Events, e => e.Message.Contains("someone-elses", StringComparison.Ordinal));
        var other = await Client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>(Flux, "v1", ns, "kustomizations", "someone-elses", ct);
        Assert.False(other.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out _));
    }

    [Fact]
    public async Task A_Kustomization_failing_with_a_terminal_reason_fails_at_once_with_reason_and_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var generation = await CreateKustomizationAsync("broken", managed: true, ct);
        var controller = new StandInController(Client);
        await SetFluxStatusAsync(controller, "broken", generation, "False", "BuildFailed", "kustomize build failed: accumulating resources: 'missing.yaml' not found", null, ct);
        await controller.EmitEventAsync(
            new V1ObjectReference { ApiVersion = $"{Flux}/v1", Kind = "Kustomization", Name = "broken", NamespaceProperty = ns },
            "Warning", "BuildFailed", "kustomize build failed: 'missing.yaml' not found", "kustomize-controller", ct);

        // The limit is long: the failure must end the wait, not the limit.
        var error = await Assert.ThrowsAsync<ReadinessFailedException>(() => Readiness(GitOpsEngine.Flux, null, names: [$"{ns}/broken"], timeout: TimeSpan.FromMinutes(10)).WaitForObjectsAsync(ct));

        Assert.Equal(ExitCodes.ReadinessTimedOut, error.ExitCode);
        Assert.Equal($"Kustomization {ns}/broken", error.ObjectName);
        Assert.Contains("Ready=False BuildFailed: kustomize build failed: accumulating resources", error.Reason, StringComparison.Ordinal);
        Assert.Contains("Warning BuildFailed: kustomize build failed: 'missing.yaml' not found [kustomize-controller]", error.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Stalled_Kustomization_fails_at_once_but_a_stale_failure_of_an_older_generation_does_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var generation = await CreateKustomizationAsync("stalled", managed: true, ct);
        var controller = new StandInController(Client);
        var conditions = new object[]
        {
            new { type = "Ready", status = "False", reason = "ArtifactFailed", message = "source not found", lastTransitionTime = "2024-01-01T00:00:00Z" },
            new { type = "Stalled", status = "True", reason = "InvalidPath", message = "path './nope' not found", lastTransitionTime = "2024-01-01T00:00:00Z" },
        };

        // Reported for an older generation: still waiting (times out), not failed.
        await controller.SetStatusAsync(Flux, "v1", "kustomizations", ns, "stalled", new { observedGeneration = generation - 1, conditions }, statusSubresource: true, ct);
        var stale = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => Readiness(GitOpsEngine.Flux, null, names: [$"{ns}/stalled"], timeout: TimeSpan.FromSeconds(2)).WaitForObjectsAsync(ct));
        Assert.Contains($"Kustomization {ns}/stalled: generation {generation} not yet observed", stale.Diagnosis, StringComparison.Ordinal);

        await controller.SetStatusAsync(Flux, "v1", "kustomizations", ns, "stalled", new { observedGeneration = generation, conditions }, statusSubresource: true, ct);
        var error = await Assert.ThrowsAsync<ReadinessFailedException>(() => Readiness(GitOpsEngine.Flux, null, names: [$"{ns}/stalled"], timeout: TimeSpan.FromMinutes(10)).WaitForObjectsAsync(ct));
        Assert.Equal("Stalled: InvalidPath: path './nope' not found", error.Reason);
    }

    [Fact]
    public async Task A_Kustomization_that_never_becomes_ready_times_out_with_its_condition_and_events()
    {
        var ct = TestContext.Current.CancellationToken;
        var generation = await CreateKustomizationAsync("slow", managed: true, ct);
        var controller = new StandInController(Client);
        await SetFluxStatusAsync(controller, "slow", generation, "Unknown", "Progressing", "Reconciliation in progress", null, ct);
        await controller.EmitEventAsync(
            new V1ObjectReference { ApiVersion = $"{Flux}/v1", Kind = "Kustomization", Name = "slow", NamespaceProperty = ns },
            "Normal", "Progressing", "Health check in progress", "kustomize-controller", ct);

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => Readiness(GitOpsEngine.Flux, null, names: [$"{ns}/slow", $"{ns}/absent"], timeout: TimeSpan.FromSeconds(2)).WaitForObjectsAsync(ct));

        Assert.Equal(GitOpsReadiness.ReconcileStep, error.Step);
        Assert.Contains($"Kustomization {ns}/slow: Ready=Unknown Progressing: Reconciliation in progress", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains("Normal Progressing: Health check in progress [kustomize-controller]", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains($"Kustomization {ns}/absent: not found", error.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_wait_for_controllers_or_for_a_Kustomization_ends_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var progress = new ProgressRecorder<ProgressEvent>().Once(e => e.Message.Contains($"the engine's Deployments in {ns}", StringComparison.Ordinal), _ => cancel.Cancel());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Readiness(GitOpsEngine.Flux, progress, names: [$"{ns}/pending"], controllers: ns).WaitAsync(cancel.Token));
        }

        await CreateKustomizationAsync("pending", managed: true, ct);
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var progress = new ProgressRecorder<ProgressEvent>().Once(e => e.Message.Contains($"{ns}/pending", StringComparison.Ordinal), _ => cancel.Cancel());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Readiness(GitOpsEngine.Flux, progress, names: [$"{ns}/pending"]).WaitForObjectsAsync(cancel.Token));
        }
    }

    [Fact]
    public async Task The_engines_controllers_are_waited_for_first_and_a_missing_one_is_named()
    {
        var ct = TestContext.Current.CancellationToken;

        // No node runs Pods here: a Deployment of 0 replicas is available, one of 1 never is.
        await CreateDeploymentAsync("kustomize-controller", 0, ct);
        await Readiness(GitOpsEngine.Flux, null, controllers: ns).WaitForControllersAsync(ct);

        await CreateDeploymentAsync("source-controller", 1, ct);
        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => Readiness(GitOpsEngine.Flux, null, controllers: ns, timeout: TimeSpan.FromSeconds(2)).WaitForControllersAsync(ct));
        Assert.Equal(GitOpsReadiness.ControllersStep, error.Step);
        Assert.Contains($"Deployment {ns}/source-controller: 0 of 1 available", error.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Application_Synced_and_Healthy_at_its_current_source_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateApplicationAsync("guestbook", ct);
        var controller = new StandInController(Client);
        var progress = new ProgressRecorder<ProgressEvent>()
            .Once(
                e => e.Message.Contains($"Application {ns}/guestbook (no status yet)", StringComparison.Ordinal),
                _ => controller.SetStatusAsync(Argo, "v1alpha1", "applications", ns, "guestbook", ArgoStatus("Synced", "Healthy", "dev"), statusSubresource: false, ct).GetAwaiter().GetResult());

        await Readiness(GitOpsEngine.ArgoCD, progress, names: [$"{ns}/guestbook"]).WaitForObjectsAsync(ct);

        Assert.Contains(progress.Events, e => e.Message.StartsWith("ready after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_Application_compared_to_an_older_source_is_not_ready_and_a_Degraded_one_fails_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateApplicationAsync("guestbook", ct);
        var controller = new StandInController(Client);

        await controller.SetStatusAsync(Argo, "v1alpha1", "applications", ns, "guestbook", ArgoStatus("Synced", "Healthy", "v0.9"), statusSubresource: false, ct);
        var stale = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => Readiness(GitOpsEngine.ArgoCD, null, names: [$"{ns}/guestbook"], timeout: TimeSpan.FromSeconds(2)).WaitForObjectsAsync(ct));
        Assert.Contains("compared to an older source", stale.Diagnosis, StringComparison.Ordinal);

        await controller.SetStatusAsync(Argo, "v1alpha1", "applications", ns, "guestbook", ArgoStatus("Synced", "Degraded", "dev", "Deployment guestbook-ui exceeded its progress deadline"), statusSubresource: false, ct);
        var error = await Assert.ThrowsAsync<ReadinessFailedException>(() => Readiness(GitOpsEngine.ArgoCD, null, names: [$"{ns}/guestbook"], timeout: TimeSpan.FromMinutes(10)).WaitForObjectsAsync(ct));
        Assert.Equal($"Application {ns}/guestbook", error.ObjectName);
        Assert.Equal("health Degraded: Deployment guestbook-ui exceeded its progress deadline", error.Reason);
    }

    [Fact]
    public async Task An_Application_with_a_sync_error_fails_at_once_with_its_message()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateApplicationAsync("broken", ct);
        await new StandInController(Client).SetStatusAsync(
            Argo, "v1alpha1", "applications", ns, "broken",
            new { conditions = new[] { new { type = "ComparisonError", message = "Failed to load target state: repository not found" } }, sync = new { status = "Unknown" }, health = new { status = "Missing" } },
            statusSubresource: false, ct);

        var error = await Assert.ThrowsAsync<ReadinessFailedException>(() => Readiness(GitOpsEngine.ArgoCD, null, names: [$"{ns}/broken"], timeout: TimeSpan.FromMinutes(10)).WaitForObjectsAsync(ct));

        Assert.Equal("ComparisonError: Failed to load target state: repository not found", error.Reason);
    }

    private GitOpsReadiness Readiness(GitOpsEngine engine, IProgress<ProgressEvent>? progress, IReadOnlyList<string>? names = null, TimeSpan? timeout = null, string? controllers = null) =>
        new(
            Client,
            new GitOpsReadinessOptions
            {
                Engine = engine,
                Names = names,
                LabelSelector = $"{GitOpsReadinessOptions.ManagedSelector},test={ns}",
                Timeout = timeout ?? TimeSpan.FromMinutes(2),
                ControllersNamespace = controllers,
            },
            progress);

    private Task<long> CreateKustomizationAsync(string name, bool managed, CancellationToken ct) =>
        FluxObjects.CreateKustomizationAsync(
            Client,
            ns,
            name,
            managed ? new Dictionary<string, string> { ["io.ksail.managed-by"] = "ksail.net", ["test"] = ns } : new Dictionary<string, string> { ["test"] = ns },
            ct);

    private Task SetFluxStatusAsync(StandInController controller, string name, long generation, string ready, string reason, string message, string? revision, CancellationToken ct) =>
        controller.SetStatusAsync(
            Flux,
            "v1",
            "kustomizations",
            ns,
            name,
            new
            {
                observedGeneration = generation,
                lastAppliedRevision = revision,
                conditions = new[] { new { type = "Ready", status = ready, reason, message, lastTransitionTime = "2024-01-01T00:00:00Z" } },
            },
            statusSubresource: true,
            ct);

    private Task<System.Text.Json.JsonElement> CreateApplicationAsync(string name, CancellationToken ct) =>
        ArgoObjects.CreateApplicationAsync(Client, ns, name, new Dictionary<string, string> { ["io.ksail.managed-by"] = "ksail.net", ["test"] = ns }, Repository, ct);

    private static object ArgoStatus(string sync, string health, string comparedRevision, string? healthMessage = null) =>
        ArgoObjects.Status(sync, health, "sha256:0123456789abcdef", comparedRevision, Repository, healthMessage);

    private Task<V1Deployment> CreateDeploymentAsync(string name, int replicas, CancellationToken ct) =>
        Client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new V1DeploymentSpec
                {
                    Replicas = replicas,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "ksail-test/missing:none", ImagePullPolicy = "Never" }] },
                    },
                },
            },
            ns,
            cancellationToken: ct);
}
