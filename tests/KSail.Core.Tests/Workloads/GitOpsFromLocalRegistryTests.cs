using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using KSail.Core.Components;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Readiness;
using KSail.Core.Registries;
using KSail.Core.Tests.Configuration;
using KSail.Core.Workloads;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Workloads;

/// <summary>
/// <c>cluster create</c> with <c>gitOpsEngine: Flux</c> and a local registry (issue #20; KSail's create
/// pushes with <c>registryresolver.PushOCIArtifact</c> before the sync objects, and points the
/// OCIRepository at <c>buildLocalRegistryURL</c>'s in-cluster address, insecure). No controller image
/// can be pulled here, so the test plays the Deployment controller for Flux's Deployments and
/// source- and kustomize-controller for the sync objects: it reads the artifact the OCIRepository
/// names from the registry for real (through its published host port), and reports the revision
/// <c>&lt;tag&gt;@sha256:&lt;digest&gt;</c> of what it read, only once GitOps readiness has begun.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class GitOpsFromLocalRegistryTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"gl-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly int port = ClusterChecks.FreeLoopbackPort();
    private DockerProvider? docker;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        docker = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            await new ClusterLifecycle(docker, state: new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state"))).DeleteAsync(name, Path.Combine(dir.Path, "kubeconfig"), deleteStorage: true, CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    [Fact]
    public async Task Create_pushes_the_source_directory_before_GitOps_readiness_and_readiness_waits_for_the_pushed_revision()
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        await using var mirror = new UpstreamMirror();
        dir.Write("k8s/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [settings.yaml]\n");
        dir.Write("k8s/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        dir.Write("kind.yaml", StandInLoop.KindWithoutDeploymentController(images["kind-node"]));
        var kubeconfig = Path.Combine(dir.Path, "kubeconfig");
        var declared = Declarations.Load(
            dir.Write("ksail.yaml", $"""
                apiVersion: ksail.io/v1alpha1
                kind: Cluster
                metadata:
                  name: {name}
                spec:
                  cluster:
                    distribution: Vanilla
                    distributionConfig: kind.yaml
                    gitOpsEngine: Flux
                    localRegistry:
                      registry: localhost:{port}
                    connection:
                      kubeconfig: {kubeconfig}
                    timeouts:
                      gitOps: 3m
                """),
            new Dictionary<string, string?> { [RegistryDeclarations.ImageVariable] = images["registry"] });

        // The artifact must be in the registry when the sync objects are applied, and the stand-in
        // controllers report a revision only once readiness waits for one.
        string? tagDigestAtBootstrap = null;
        var readinessBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new ProgressRecorder<ProgressEvent>()
            .Once(e => e.Step == "bootstrap GitOps", _ => tagDigestAtBootstrap = ManifestDigestAsync("k8s", "dev", CancellationToken.None).GetAwaiter().GetResult())
            .Once(e => e.Step == GitOpsReadiness.ReconcileStep, _ => readinessBegun.TrySetResult());
        var lifecycle = new ClusterLifecycle(docker!, progress, new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state")));
        Environment.SetEnvironmentVariable(ManifestStore.MirrorVariable, mirror.BaseAddress);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var played = new PlayedSync();
        var controllers = Task.Run(() => PlayControllersAsync(kubeconfig, $"kind-{name}", readinessBegun.Task, played, stop.Token), ct);
        try
        {
            await lifecycle.CreateAsync(declared, new CreateOptions { ExtraLabels = new Dictionary<string, string> { ["io.ksail.test"] = "true" } }, ct);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ManifestStore.MirrorVariable, null);
            await stop.CancelAsync();
            await controllers;
        }

        // The push came after the engine and before its sync objects and readiness
        var steps = progress.Events.Select(e => e.Step).ToList();
        var order = new[] { "install GitOps engine", WorkloadPush.Step, "bootstrap GitOps", GitOpsReadiness.ReconcileStep }.Select(s => steps.IndexOf(s)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains(progress.Events, e => e.Step == WorkloadPush.Step && e.Message.StartsWith($"pushed oci://localhost:{port}/k8s:dev@sha256:", StringComparison.Ordinal));
        Assert.NotNull(tagDigestAtBootstrap);

        // The OCIRepository names the registry by its container on the cluster network, insecure, at the pushed tag
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, $"kind-{name}"));
        var source = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("source.toolkit.fluxcd.io", "v1", "flux-system", "ocirepositories", "flux-system", cancellationToken: ct);
        Assert.Equal($"oci://{name}-local-registry:5000/k8s", source.GetProperty("spec").GetProperty("url").GetString());
        Assert.True(source.GetProperty("spec").GetProperty("insecure").GetBoolean());
        Assert.Equal("dev", source.GetProperty("spec").GetProperty("ref").GetProperty("tag").GetString());

        // What the stand-in source-controller read is what was pushed, and the revision readiness accepted is its digest
        Assert.Equal(["kustomization.yaml", "settings.yaml"], played.Files);
        Assert.Equal($"dev@{tagDigestAtBootstrap}", played.Revision);
        var kustomization = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(FluxObjects.KustomizeGroup, "v1", "flux-system", "kustomizations", "flux-system", cancellationToken: ct);
        Assert.Equal(played.Revision, kustomization.GetProperty("status").GetProperty("lastAppliedRevision").GetString());
    }

    // The digest of repository:tag in the local registry, through its host port (null when not there).
    private async Task<string?> ManifestDigestAsync(string repository, string tag, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(WorkloadArtifact.ManifestMediaType);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.OK ? WorkloadArtifact.DigestOf(await response.Content.ReadAsByteArrayAsync(ct)) : null;
    }

    // Plays the Deployment controller (Flux's controllers Available) and, once readiness has begun, source-controller
    // (the OCIRepository's artifact read from the registry) and kustomize-controller (the Kustomization Ready at its revision).
    private Task PlayControllersAsync(string kubeconfig, string context, Task readinessBegun, PlayedSync played, CancellationToken ct) =>
        StandInLoop.RunAsync(
            kubeconfig,
            context,
            async (client, standIn, token) =>
            {
                await standIn.MarkDeploymentsAvailableAsync(GitOpsReadinessOptions.ManagedSelector, token);
                if (readinessBegun.IsCompleted && played.Revision is null)
                {
                    await PlaySourceAndKustomizeAsync(client, standIn, played, token);
                }
            },
            ct);

    private async Task PlaySourceAndKustomizeAsync(Kubernetes client, StandInController standIn, PlayedSync played, CancellationToken ct)
    {
        var source = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("source.toolkit.fluxcd.io", "v1", "flux-system", "ocirepositories", "flux-system", cancellationToken: ct);
        var url = source.GetProperty("spec").GetProperty("url").GetString()!;
        var tag = source.GetProperty("spec").GetProperty("ref").GetProperty("tag").GetString()!;

        // source-controller's pull, with the in-cluster host (<cluster>-local-registry:5000) reached through its published port
        var prefix = $"oci://{name}-local-registry:5000/";
        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        var repository = url[prefix.Length..];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(WorkloadArtifact.ManifestMediaType);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var manifestBytes = await response.Content.ReadAsByteArrayAsync(ct);
        var digest = WorkloadArtifact.DigestOf(manifestBytes);
        var layer = JsonNode.Parse(manifestBytes)!["layers"]![0]!["digest"]!.GetValue<string>();
        var files = WorkloadArtifactTests.Extract(await http.GetByteArrayAsync($"v2/{repository}/blobs/{layer}", ct)).Select(e => e.Name).ToList();
        var revision = $"{tag}@{digest}";
        var now = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var sourceGeneration = source.GetProperty("metadata").GetProperty("generation").GetInt64();
        await standIn.SetStatusAsync(
            "source.toolkit.fluxcd.io",
            "v1",
            "ocirepositories",
            "flux-system",
            "flux-system",
            new
            {
                observedGeneration = sourceGeneration,
                artifact = new { revision, digest, path = $"ocirepository/flux-system/flux-system/{digest}.tar.gz", url = "http://source-controller.flux-system.svc/", lastUpdateTime = now },
                conditions = new[] { new { type = "Ready", status = "True", reason = "Succeeded", message = $"stored artifact for digest '{revision}'", lastTransitionTime = now, observedGeneration = sourceGeneration } },
            },
            statusSubresource: true,
            ct);

        var kustomization = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(FluxObjects.KustomizeGroup, "v1", "flux-system", "kustomizations", "flux-system", cancellationToken: ct);
        var generation = kustomization.GetProperty("metadata").GetProperty("generation").GetInt64();
        await standIn.SetStatusAsync(
            FluxObjects.KustomizeGroup,
            "v1",
            "kustomizations",
            "flux-system",
            "flux-system",
            new
            {
                observedGeneration = generation,
                lastAppliedRevision = revision,
                lastAttemptedRevision = revision,
                conditions = new[] { new { type = "Ready", status = "True", reason = "ReconciliationSucceeded", message = $"Applied revision: {revision}", lastTransitionTime = now, observedGeneration = generation } },
            },
            statusSubresource: true,
            ct);
        played.Files = files;
        played.Revision = revision;
    }

    // What the stand-in controllers read and reported.
    private sealed class PlayedSync
    {
        public IReadOnlyList<string> Files { get; set; } = [];

        public string? Revision { get; set; }
    }
}
