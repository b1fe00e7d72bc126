using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions.Kwok;

/// <summary>
/// A KWOK cluster created, used, stopped, started and deleted on the test bed (issue #22), from a
/// ksail.yaml and a kwok.yaml whose options name the test bed's five images (the kwok controller is
/// the test bed's stand-in, which plays kwok's default Stages): the fake nodes become Ready, a
/// Deployment's Pods become available, a Job completes, a deleted Pod goes, cluster update changes the
/// node count in place, and delete leaves nothing.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KwokClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly ScratchDirectory dir = new();
    private readonly string name = $"kw-{Guid.NewGuid().ToString("N")[..6]}";
    private DockerProvider? docker;

    private string Kubeconfig => Path.Combine(dir.Path, "kubeconfig");

    private string WorkRoot => Path.Combine(dir.Path, "kwok-home");

    private ClusterLifecycle Lifecycle => new(docker!, state: new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state")));

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        docker = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);

        // kwokctl's KWOK_WORKDIR: the work folder goes under the scratch directory, not the user's ~/.kwok.
        Environment.SetEnvironmentVariable("KWOK_WORKDIR", WorkRoot);
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            await Lifecycle.DeleteAsync(name, Kubeconfig, CancellationToken.None);
            docker.Dispose();
        }

        Environment.SetEnvironmentVariable("KWOK_WORKDIR", null);
        dir.Dispose();
    }

    [Fact]
    public async Task Three_fake_nodes_run_a_Deployment_and_a_Job_delete_a_Pod_survive_stop_and_start_and_delete_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        dir.Write("kwok.yaml", $"""
            apiVersion: config.kwok.x-k8s.io/v1alpha1
            kind: KwokctlConfiguration
            options:
              etcdImage: {images["kwok-etcd"]}
              kubeApiserverImage: {images["kwok-kube-apiserver"]}
              kubeControllerManagerImage: {images["kwok-kube-controller-manager"]}
              kubeSchedulerImage: {images["kwok-kube-scheduler"]}
              kwokControllerImage: {images["kwok-controller"]}
            """);
        var declared = Declare(workers: 3);

        // When: the cluster is created
        var created = await Lifecycle.CreateAsync(declared, new CreateOptions { ExtraLabels = new Dictionary<string, string> { ["io.ksail.test"] = "true" } }, ct);

        // Then: kwokctl's five containers, its work folder, and the API through the kubeconfig's kwok-<name> context
        Assert.Equal($"kwok-{name}", created.ContextName);
        var containers = await docker!.ListAsync(new Dictionary<string, string> { ["com.docker.compose.project"] = $"kwok-{name}" }, ct);
        Assert.Equal(
            [$"kwok-{name}-etcd", $"kwok-{name}-kube-apiserver", $"kwok-{name}-kube-controller-manager", $"kwok-{name}-kube-scheduler", $"kwok-{name}-kwok-controller"],
            containers.Select(c => c.Name).Order(StringComparer.Ordinal));
        var work = Path.Combine(WorkRoot, "clusters", name);
        Assert.All(["kubeconfig.yaml", "kubeconfig", "kwok.yaml", "pki/ca.crt", "pki/admin.crt", "pki/admin.key"], f => Assert.True(File.Exists(Path.Combine(work, f)), f));
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig, $"kwok-{name}"));

        // And: workers: 3 gave three fake nodes, Ready (the stability check waited for them)
        var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items;
        Assert.Equal(["node-0", "node-1", "node-2"], nodes.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Contains(n.Status.Conditions, c => c.Type == "Ready" && c.Status == "True"));

        // When: a Deployment of 10 replicas
        const string Ns = "default";
        await client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 10,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                    Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } }, Spec = PodSpec("Always") },
                },
            },
            Ns,
            cancellationToken: ct);

        // Then: 10 available Pods, spread over the fake nodes
        await Watch.FirstAsync<V1Deployment, V1DeploymentList>(
            client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(Ns, fieldSelector: "metadata.name=web", watch: true, cancellationToken: ct),
            d => d.Status?.AvailableReplicas == 10,
            Timeout,
            ct);
        var pods = (await client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "app=web", cancellationToken: ct)).Items;
        Assert.Equal(10, pods.Count(p => p.Status?.Phase == "Running"));
        Assert.All(pods, p => Assert.StartsWith("node-", p.Spec.NodeName, StringComparison.Ordinal));

        // When: a Job runs; then it completes
        await client.BatchV1.CreateNamespacedJobAsync(
            new V1Job { Metadata = new V1ObjectMeta { Name = "once" }, Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = PodSpec("Never") } } },
            Ns,
            cancellationToken: ct);
        await Watch.FirstAsync<V1Job, V1JobList>(
            client.BatchV1.ListNamespacedJobWithHttpMessagesAsync(Ns, fieldSelector: "metadata.name=once", watch: true, cancellationToken: ct),
            j => j.Status?.Succeeded == 1,
            Timeout,
            ct);

        // When: a Pod is deleted (with its grace period: no kubelet confirms it); then it goes
        var victim = pods[0].Metadata.Name;
        await client.CoreV1.DeleteNamespacedPodAsync(victim, Ns, cancellationToken: ct);
        await WaitForGoneAsync(() => client.CoreV1.ReadNamespacedPodAsync(victim, Ns, cancellationToken: ct), ct);

        // When: cluster update asks for 5 fake nodes, then 2 (as kwokctl scale node): in place, Ready before it returns
        Assert.Equal(["node-0", "node-1", "node-2", "node-3", "node-4"], await UpdateWorkersAsync(5, client, ct));
        Assert.Equal(["node-0", "node-1"], await UpdateWorkersAsync(2, client, ct));

        // When: the cluster is stopped and started; then the API answers again through a fresh kubeconfig
        await Lifecycle.StopAsync(name, ct);
        Assert.All(await docker.ListAsync(new Dictionary<string, string> { ["com.docker.compose.project"] = $"kwok-{name}" }, ct), c => Assert.NotEqual("running", c.State));
        await Lifecycle.StartAsync(name, ct);
        var again = await Lifecycle.KubeconfigAsync(name, ct);
        using var restarted = Kubeconfigs(again.Kubeconfig);
        var after = await EventuallyAsync(() => restarted.CoreV1.ListNodeAsync(cancellationToken: ct), ct);
        Assert.Equal(2, after.Items.Count);

        // When: the cluster is deleted; then no container, network or work folder is left
        await Lifecycle.DeleteAsync(name, Kubeconfig, ct);
        Assert.Empty(await docker.ListAnyAsync([new("io.ksail.cluster", name), new("com.docker.compose.project", $"kwok-{name}")], ct));
        Assert.DoesNotContain(await docker.Engine.Client.Networks.ListNetworksAsync(cancellationToken: ct), n => n.Name == $"kwok-{name}");
        Assert.False(Directory.Exists(work));
    }

    private KSail.Core.Configuration.ClusterDefinition Declare(int workers) => Declarations.Load(dir.Write("ksail.yaml", $"""
        apiVersion: ksail.io/v1alpha1
        kind: Cluster
        metadata:
          name: {name}
        spec:
          cluster:
            distribution: KWOK
            distributionConfig: kwok.yaml
            workers: {workers}
            connection:
              kubeconfig: {Kubeconfig}
        """));

    private async Task<IReadOnlyList<string>> UpdateWorkersAsync(int workers, Kubernetes client, CancellationToken ct)
    {
        var desired = Declare(workers);
        var update = new ClusterUpdate(docker!, state: new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state")));
        var plan = update.Plan(desired);
        var change = Assert.Single(plan.Changes);
        Assert.Equal((ChangeClass.InPlace, ChangeAction.ScaleWorkers), (change.Class, change.Action));
        var result = await update.ApplyAsync(plan, desired, ct);
        Assert.Empty(result.Refused);
        return [.. (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal)];
    }

    private static Kubernetes Kubeconfigs(string kubeconfig) => KSail.Core.Kubeconfig.Kubeconfigs.CreateClient(kubeconfig);

    private static V1PodSpec PodSpec(string restartPolicy) => new()
    {
        RestartPolicy = restartPolicy,
        NodeSelector = new Dictionary<string, string> { ["type"] = "kwok" },
        Containers = [new V1Container { Name = "app", Image = "fake-image" }],
    };

    // The API after a restart: asked again until it answers, within the test's limit.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is HttpRequestException or HttpOperationException or IOException && !limit.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), limit.Token);
            }
        }
    }

    private static async Task WaitForGoneAsync(Func<Task<V1Pod>> read, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        while (true)
        {
            try
            {
                await read();
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
        }
    }
}
