using System.Globalization;
using k8s;
using k8s.Models;
using KSail.Core.Components;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Core.Readiness;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Components;

/// <summary>
/// A declared cluster with components, created by the lifecycle on the test bed's kind-compatible
/// node. No component image can be pulled here, so this test plays their controllers: the cluster's
/// controller-manager runs without its Deployment controller (a kubeadm patch in kind.yaml), and the
/// test sets the status of KSail.NET's Deployments as that controller would once their Pods ran, and
/// the status of the Flux Kustomization as kustomize-controller would.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ComponentsOnClusterTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"c-{Guid.NewGuid().ToString("N")[..6]}";
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
            await new ClusterLifecycle(docker, state: new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state"))).DeleteAsync(name, ct: CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    [Theory]
    [InlineData("Flux")]
    [InlineData("ArgoCD")]
    public async Task Metrics_server_storage_and_the_GitOps_engine_are_installed_in_phase_order_from_verified_files_and_the_workload_is_bootstrapped(string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        await using var mirror = new UpstreamMirror();
        dir.Write("kind.yaml", $$"""
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            kubeadmConfigPatches:
              - |
                kind: ClusterConfiguration
                controllerManager:
                  extraArgs:
                    controllers: "*,bootstrapsigner,tokencleaner,-deployment,-statefulset"
            nodes:
              - role: control-plane
                image: {{images["kind-node"]}}
            """);
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
                    csi: Enabled
                    metricsServer: Enabled
                    gitOpsEngine: {engine}
                    localRegistry:
                      registry: registry.invalid/ksail-workload
                    connection:
                      kubeconfig: {kubeconfig}
                    timeouts:
                      gitOps: 2m
                """),
            new Dictionary<string, string?> { [KindCluster.LoadBalancerImageVariable] = images["kind-load-balancer"] });
        var progress = new ProgressRecorder<ProgressEvent>();
        var lifecycle = new ClusterLifecycle(docker!, progress, new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state")));
        Environment.SetEnvironmentVariable(ManifestStore.MirrorVariable, mirror.BaseAddress);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var controllers = Task.Run(() => PlayControllersAsync(kubeconfig, $"kind-{name}", stop.Token), ct);
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

        // Phase order: phase 1, then the stability check, then the GitOps engine, its sync objects and their readiness.
        var steps = progress.Events.Select(e => e.Step).ToList();
        var order = new[] { "install components", ClusterStabilityCheck.ApiServerStep, ClusterStabilityCheck.DaemonSetsStep, "install GitOps engine", "bootstrap GitOps", GitOpsReadiness.ReconcileStep }
            .Select(s => steps.IndexOf(s)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains(progress.Events, e => e.Step == "install local-path-provisioner" && e.Message.StartsWith("v0.0.37: ", StringComparison.Ordinal));
        Assert.Contains(progress.Events, e => e.Step == "install metrics-server" && e.Message.StartsWith("v0.9.0: ", StringComparison.Ordinal));

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, $"kind-{name}"));
        var classes = (await client.StorageV1.ListStorageClassAsync(cancellationToken: ct)).Items;
        var local = Assert.Single(classes);
        Assert.Equal(("local-path", "true"), (local.Metadata.Name, local.Metadata.Annotations["storageclass.kubernetes.io/is-default-class"]));
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("metrics-server", "kube-system", cancellationToken: ct);
        Assert.Equal("registry.k8s.io/metrics-server/metrics-server:v0.9.0", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Contains("--kubelet-insecure-tls", deployment.Spec.Template.Spec.Containers[0].Args);
        Assert.Contains(deployment.Metadata.ManagedFields, f => f.Manager == ComponentApplier.FieldManager);
        var found = await lifecycle.ComponentsAsync(name, ct);
        if (engine == "Flux")
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("kustomizations.kustomize.toolkit.fluxcd.io", cancellationToken: ct);
            Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
            var source = await client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("source.toolkit.fluxcd.io", "v1", "flux-system", "ocirepositories", "flux-system", cancellationToken: ct);
            Assert.Equal("oci://registry.invalid/ksail-workload", source.GetProperty("spec").GetProperty("url").GetString());
            Assert.Equal("dev", source.GetProperty("spec").GetProperty("ref").GetProperty("tag").GetString());
            Assert.Equal(
                [("flux", "v2.9.4"), ("local-path-provisioner", "v0.0.37"), ("metrics-server", "v0.9.0")],
                found.Select(c => (c.Name, c.Version ?? string.Empty)));
        }
        else
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("applications.argoproj.io", cancellationToken: ct);
            Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
            var application = await client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("argoproj.io", "v1alpha1", "argocd", "applications", name, cancellationToken: ct);
            Assert.Equal("oci://registry.invalid/ksail-workload", application.GetProperty("spec").GetProperty("source").GetProperty("repoURL").GetString());
            Assert.Equal("Synced", application.GetProperty("status").GetProperty("sync").GetProperty("status").GetString());
            Assert.Equal(
                [("argocd", ComponentCatalog.ArgoCd.Version), ("local-path-provisioner", "v0.0.37"), ("metrics-server", "v0.9.0")],
                found.Select(c => (c.Name, c.Version ?? string.Empty)));
        }
    }

    // Plays the Deployment controller for KSail.NET's Deployments and kustomize-controller for its
    // Kustomizations, through the cluster's API, until stopped.
    private static Task PlayControllersAsync(string kubeconfig, string context, CancellationToken ct) =>
        StandInLoop.RunAsync(
            kubeconfig,
            context,
            async (client, standIn, token) =>
            {
                await standIn.MarkDeploymentsAvailableAsync(GitOpsReadinessOptions.ManagedSelector, token);

                var sets = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: GitOpsReadinessOptions.ManagedSelector, cancellationToken: token);
                foreach (var set in sets.Items.Where(x => x.Status?.ObservedGeneration != x.Metadata.Generation || x.Status?.ReadyReplicas != (x.Spec.Replicas ?? 1)))
                {
                    var replicas = set.Spec.Replicas ?? 1;
                    var status = new { observedGeneration = set.Metadata.Generation, replicas, readyReplicas = replicas, currentReplicas = replicas, updatedReplicas = replicas };
                    await client.AppsV1.PatchNamespacedStatefulSetStatusAsync(new V1Patch(new { status }, V1Patch.PatchType.MergePatch), set.Metadata.Name, set.Metadata.NamespaceProperty, cancellationToken: token);
                }

                await PlayArgoCdAsync(client, standIn, token);
                var kustomizations = await client.CustomObjects.ListNamespacedCustomObjectAsync<System.Text.Json.JsonElement>(
                    FluxObjects.KustomizeGroup, "v1", "flux-system", "kustomizations", cancellationToken: token);
                foreach (var k in kustomizations.GetProperty("items").EnumerateArray().Where(k => !(k.TryGetProperty("status", out var st) && st.TryGetProperty("conditions", out _))))
                {
                    var generation = k.GetProperty("metadata").GetProperty("generation").GetInt64();
                    await standIn.SetStatusAsync(
                        FluxObjects.KustomizeGroup,
                        "v1",
                        "kustomizations",
                        "flux-system",
                        k.GetProperty("metadata").GetProperty("name").GetString()!,
                        new
                        {
                            observedGeneration = generation,
                            lastAppliedRevision = "dev@sha256:0123456789abcdef",
                            lastAttemptedRevision = "dev@sha256:0123456789abcdef",
                            conditions = new[]
                            {
                                new { type = "Ready", status = "True", reason = "ReconciliationSucceeded", message = "Applied revision: dev@sha256:0123456789abcdef", lastTransitionTime = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), observedGeneration = generation },
                            },
                        },
                        statusSubresource: true,
                        token);
                }
            },
            ct);

    // Plays Argo CD's application controller: an Application without status is Synced and Healthy at its source.
    private static async Task PlayArgoCdAsync(Kubernetes client, StandInController standIn, CancellationToken ct)
    {
        System.Text.Json.JsonElement applications;
        try
        {
            applications = await client.CustomObjects.ListNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("argoproj.io", "v1alpha1", "argocd", "applications", cancellationToken: ct);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return; // not installed (Flux), or not yet
        }

        foreach (var application in applications.GetProperty("items").EnumerateArray().Where(a => !a.TryGetProperty("status", out _)))
        {
            var source = application.GetProperty("spec").GetProperty("source");
            await standIn.SetStatusAsync(
                "argoproj.io",
                "v1alpha1",
                "applications",
                "argocd",
                application.GetProperty("metadata").GetProperty("name").GetString()!,
                new
                {
                    sync = new { status = "Synced", revision = "sha256:0123456789abcdef", comparedTo = new { source, destination = application.GetProperty("spec").GetProperty("destination") } },
                    health = new { status = "Healthy" },
                },
                statusSubresource: false,
                ct);
        }
    }
}
