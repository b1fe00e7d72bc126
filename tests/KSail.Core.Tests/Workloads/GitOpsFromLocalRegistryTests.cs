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
/// <c>cluster create</c> with <c>gitOpsEngine: Flux</c> or <c>ArgoCD</c> and a local registry (issue #20;
/// KSail's create pushes with <c>registryresolver.PushOCIArtifact</c> before the sync objects, points
/// the OCIRepository at <c>buildLocalRegistryURL</c>'s in-cluster address, insecure, and gives Argo CD
/// the repository Secret of <c>pkg/client/argocd/repository_secret.go</c>). No controller image can be
/// pulled here, so the test plays the Deployment and StatefulSet controllers for the engine's
/// controllers, and the engine's controllers for the sync objects: it reads the artifact the
/// OCIRepository or Application names from the registry for real (through its published host port),
/// and reports the revision of what it read (Flux's <c>&lt;tag&gt;@sha256:&lt;digest&gt;</c>, Argo CD's
/// digest) only once GitOps readiness has begun.
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

    [Theory]
    [InlineData("Flux")]
    [InlineData("ArgoCD")]
    public async Task Create_pushes_the_source_directory_before_GitOps_readiness_and_readiness_waits_for_the_pushed_revision(string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        await using var mirror = new UpstreamMirror();
        dir.Write("k8s/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [settings.yaml]\n");
        dir.Write("k8s/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        dir.Write("kind.yaml", StandInLoop.KindWithoutDeploymentController(images["kind-node"], statefulSets: true));
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
                    gitOpsEngine: {engine}
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
        var controllers = Task.Run(() => PlayControllersAsync(kubeconfig, $"kind-{name}", engine, readinessBegun.Task, played, stop.Token), ct);
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

        // What the stand-in controller read is what was pushed, and the revision readiness accepted is its digest
        Assert.Equal(["kustomization.yaml", "settings.yaml"], played.Files);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, $"kind-{name}"));
        if (engine == "Flux")
        {
            // The OCIRepository names the registry by its container on the cluster network, insecure, at the pushed tag
            var source = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("source.toolkit.fluxcd.io", "v1", "flux-system", "ocirepositories", "flux-system", cancellationToken: ct);
            Assert.Equal($"oci://{name}-local-registry:5000/k8s", source.GetProperty("spec").GetProperty("url").GetString());
            Assert.True(source.GetProperty("spec").GetProperty("insecure").GetBoolean());
            Assert.Equal("dev", source.GetProperty("spec").GetProperty("ref").GetProperty("tag").GetString());
            Assert.Equal($"dev@{tagDigestAtBootstrap}", played.Revision);
            var kustomization = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(FluxObjects.KustomizeGroup, "v1", "flux-system", "kustomizations", "flux-system", cancellationToken: ct);
            Assert.Equal(played.Revision, kustomization.GetProperty("status").GetProperty("lastAppliedRevision").GetString());
            return;
        }

        // Argo CD: the Application at the in-cluster address and tag, and the repository Secret that makes it plain HTTP
        var application = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("argoproj.io", "v1alpha1", "argocd", "applications", name, cancellationToken: ct);
        Assert.Equal($"oci://{name}-local-registry:5000/k8s", application.GetProperty("spec").GetProperty("source").GetProperty("repoURL").GetString());
        Assert.Equal("dev", application.GetProperty("spec").GetProperty("source").GetProperty("targetRevision").GetString());
        Assert.Equal(tagDigestAtBootstrap, played.Revision);
        Assert.Equal(played.Revision, application.GetProperty("status").GetProperty("sync").GetProperty("revision").GetString());
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(GitOpsBootstrap.ArgoRepositorySecret, "argocd", cancellationToken: ct);
        Assert.Equal("repository", secret.Metadata.Labels["argocd.argoproj.io/secret-type"]);
        Assert.Equal(
            ("oci", $"oci://{name}-local-registry:5000/k8s", "true"),
            (Text(secret.Data["type"]), Text(secret.Data["url"]), Text(secret.Data["insecureOCIForceHttp"])));
    }

    private static string Text(byte[] data) => System.Text.Encoding.UTF8.GetString(data);

    // The digest of repository:tag in the local registry, through its host port (null when not there).
    private async Task<string?> ManifestDigestAsync(string repository, string tag, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(WorkloadArtifact.ManifestMediaType);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.OK ? WorkloadArtifact.DigestOf(await response.Content.ReadAsByteArrayAsync(ct)) : null;
    }

    // Plays the Deployment and StatefulSet controllers (the engine's controllers ready) and, once readiness has begun,
    // the engine's controllers for the sync objects: the artifact read from the registry, its revision reported.
    private Task PlayControllersAsync(string kubeconfig, string context, string engine, Task readinessBegun, PlayedSync played, CancellationToken ct) =>
        StandInLoop.RunAsync(
            kubeconfig,
            context,
            async (client, standIn, token) =>
            {
                await standIn.MarkDeploymentsAvailableAsync(GitOpsReadinessOptions.ManagedSelector, token);
                await standIn.MarkStatefulSetsReadyAsync(GitOpsReadinessOptions.ManagedSelector, token);
                if (readinessBegun.IsCompleted && !played.Done)
                {
                    await (engine == "Flux" ? PlaySourceAndKustomizeAsync(client, standIn, played, token) : PlayArgoCdAsync(client, standIn, played, token));
                }
            },
            ct);

    // Argo CD's repo server and application controller: the Application's OCI source read from the registry,
    // then Synced and Healthy at the manifest's digest (Argo CD's revision of an OCI source).
    private async Task PlayArgoCdAsync(Kubernetes client, StandInController standIn, PlayedSync played, CancellationToken ct)
    {
        var application = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("argoproj.io", "v1alpha1", "argocd", "applications", name, cancellationToken: ct);
        var source = application.GetProperty("spec").GetProperty("source");
        var (digest, files) = await ReadArtifactAsync(source.GetProperty("repoURL").GetString()!, source.GetProperty("targetRevision").GetString()!, ct);

        // Recorded before the status is set: readiness may end the create (and this loop) as soon as it sees it.
        played.Files = files;
        played.Revision = digest;
        await standIn.SetStatusAsync(
            "argoproj.io",
            "v1alpha1",
            "applications",
            "argocd",
            name,
            new
            {
                sync = new { status = "Synced", revision = digest, comparedTo = new { source, destination = application.GetProperty("spec").GetProperty("destination") } },
                health = new { status = "Healthy" },
            },
            statusSubresource: false,
            ct);
        played.Done = true;
    }

    // source-controller's pull: the in-cluster host (<cluster>-local-registry:5000) reached through its published port.
    private async Task<(string Digest, IReadOnlyList<string> Files)> ReadArtifactAsync(string url, string tag, CancellationToken ct)
    {
        var prefix = $"oci://{name}-local-registry:5000/";
        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        var repository = url[prefix.Length..];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(WorkloadArtifact.ManifestMediaType);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var manifestBytes = await response.Content.ReadAsByteArrayAsync(ct);
        var layer = JsonNode.Parse(manifestBytes)!["layers"]![0]!["digest"]!.GetValue<string>();
        var files = WorkloadArtifactTests.Extract(await http.GetByteArrayAsync($"v2/{repository}/blobs/{layer}", ct)).Select(e => e.Name).ToList();
        return (WorkloadArtifact.DigestOf(manifestBytes), files);
    }

    private async Task PlaySourceAndKustomizeAsync(Kubernetes client, StandInController standIn, PlayedSync played, CancellationToken ct)
    {
        var source = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("source.toolkit.fluxcd.io", "v1", "flux-system", "ocirepositories", "flux-system", cancellationToken: ct);
        var url = source.GetProperty("spec").GetProperty("url").GetString()!;
        var tag = source.GetProperty("spec").GetProperty("ref").GetProperty("tag").GetString()!;

        var (digest, files) = await ReadArtifactAsync(url, tag, ct);
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
        played.Files = files;
        played.Revision = revision;
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
        played.Done = true;
    }

    // What the stand-in controllers read and reported.
    private sealed class PlayedSync
    {
        public IReadOnlyList<string> Files { get; set; } = [];

        public string? Revision { get; set; }

        public bool Done { get; set; }
    }
}
