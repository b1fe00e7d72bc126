using System.Text.Json;
using k8s;
using k8s.Models;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;
using KSail.Core.Readiness;
using KSail.Core.Workloads;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Lifecycle;

/// <summary>
/// <c>workload reconcile</c> end to end, once: the manifests pushed for real to a registry container
/// (the test bed's registry stand-in), KSail's OCIRepository and Kustomization annotated on the test
/// bed's control plane, and the wait until they report the pushed revision; the test plays
/// source-controller (reading the tag's manifest digest from the registry, as it resolves
/// <c>ref.tag</c>) and kustomize-controller. PARITY 20; KSail's pkg/cli/cmd/workload/reconcile.go.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class WorkloadReconcileTests(ControlPlane controlPlane) : IAsyncLifetime
{
    private const string Source = "source.toolkit.fluxcd.io";
    private const string Kustomize = "kustomize.toolkit.fluxcd.io";
    private readonly string ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly ScratchDirectory dir = new();
    private RegistryStandIn registry = null!;

    private IKubernetes Client => controlPlane.Client;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await controlPlane.StartAsync();
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("flux/source.toolkit.fluxcd.io_ocirepositories.yaml"), ct);
        await CustomResourceDefinitions.ApplyAsync(Client, RepositoryPaths.UpstreamFile("flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml"), ct);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        registry = await RegistryStandIn.StartAsync("ksail-test-reconcile", ct);
    }

    public async ValueTask DisposeAsync()
    {
        dir.Dispose();
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        await Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);
    }

    [Fact]
    public async Task Reconcile_pushes_the_manifests_asks_Flux_to_reconcile_and_returns_when_source_and_kustomize_controller_report_the_pushed_digest()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = Declare();
        var labels = new Dictionary<string, string> { ["io.ksail.managed-by"] = "ksail.net", ["test"] = ns };
        var source = await FluxObjects.CreateOciRepositoryAsync(Client, ns, "flux-system", $"oci://{registry.Name}:5000/k8s", labels, ct);
        var kustomization = await FluxObjects.CreateKustomizationAsync(Client, ns, "flux-system", labels, ct);
        var controller = new StandInController(Client);
        string? served = null;
        var progress = new ProgressRecorder<ProgressEvent>().Once(
            e => e.Message.Contains($"OCIRepository {ns}/flux-system (", StringComparison.Ordinal),
            _ =>
            {
                // source-controller resolves the tag in the registry and serves that digest; kustomize-controller applies it.
                var token = RequestedAtAsync(ct).GetAwaiter().GetResult();
                served = $"dev@{registry.TagDigestAsync("k8s", "dev", ct).GetAwaiter().GetResult()}";
                SetStatusAsync(controller, "ocirepositories", source, new { artifact = FluxObjects.Artifact(served) }, token, ct).GetAwaiter().GetResult();
                SetStatusAsync(controller, "kustomizations", kustomization, new { lastAppliedRevision = served, lastAttemptedRevision = served }, token, ct).GetAwaiter().GetResult();
            });

        var report = await ClusterOperations.ReconcileWorkloadAsync(
            cluster,
            new WorkloadReconcileOptions(new WorkloadPushOptions(Registry: $"localhost:{registry.Port}"), TimeSpan.FromMinutes(2)),
            new Dictionary<string, string?>(),
            Client,
            $"{GitOpsReadinessOptions.ManagedSelector},test={ns}",
            progress,
            TimeProvider.System,
            ct);

        Assert.Equal($"oci://localhost:{registry.Port}/k8s:dev", report.Push.Reference);
        Assert.Equal(["configmap.yaml"], report.Push.Files);
        Assert.Equal(GitOpsEngine.Flux, report.Engine);
        Assert.Equal($"dev@{report.Push.Digest}", served);
        Assert.Equal(served, report.Revision);
        Assert.Equal([$"OCIRepository {ns}/flux-system", $"Kustomization {ns}/flux-system"], report.Objects);
    }

    private ClusterDefinition Declare()
    {
        dir.Write("k8s/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: reconciled\ndata:\n  greeting: hello\n");
        var path = dir.Write("ksail.yaml", $"""
            apiVersion: ksail.io/v1alpha1
            kind: Cluster
            metadata:
              name: {registry.Name}
            spec:
              cluster:
                distribution: Vanilla
                gitOpsEngine: Flux
              workload:
                sourceDirectory: k8s
            """);
        return ClusterConfigLoader.Load(new ClusterLoadOptions { ConfigPath = path, WorkingDirectory = dir.Path, Environment = new Dictionary<string, string?>() });
    }

    private async Task<string?> RequestedAtAsync(CancellationToken ct)
    {
        var item = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Source, "v1", ns, "ocirepositories", "flux-system", ct);
        return item.GetProperty("metadata").GetProperty("annotations").GetProperty(GitOpsReconcile.FluxAnnotation).GetString();
    }

    private Task SetStatusAsync(StandInController controller, string plural, long generation, object revision, string? handled, CancellationToken ct)
    {
        var fields = JsonSerializer.SerializeToNode(revision)!.AsObject();
        fields["observedGeneration"] = generation;
        fields["lastHandledReconcileAt"] = handled;
        fields["conditions"] = JsonSerializer.SerializeToNode(new[] { new { type = "Ready", status = "True", reason = "Succeeded", message = "played by the test", lastTransitionTime = "2024-01-01T00:00:00Z" } });
        return controller.SetStatusAsync(plural == "ocirepositories" ? Source : Kustomize, "v1", plural, ns, "flux-system", fields, statusSubresource: true, ct);
    }
}
