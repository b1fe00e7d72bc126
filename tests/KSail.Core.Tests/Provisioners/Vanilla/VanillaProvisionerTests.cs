using System.Diagnostics;
using k8s;
using k8s.Models;
using KSail.Core.Configuration;
using KSail.Core.Providers.Docker;
using KSail.Core.Provisioners.Vanilla;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Provisioners.Vanilla;

/// <summary>The Vanilla provisioner creates kind's cluster on real nodes (the test bed's kind-compatible node image), through the real image setting of kind.yaml.</summary>
[Trait("Requires", "Docker")]
public sealed class VanillaProvisionerTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"v-{Guid.NewGuid().ToString("N")[..6]}";
    private DockerProvider? docker;

    private DockerProvider Docker => docker!;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        docker = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            await new VanillaProvisioner(docker).DeleteAsync(name, CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    private async Task<ClusterDefinition> DeclareAsync(int workers, string? image = null, string lastWorkerExtra = "")
    {
        image ??= (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        var nodes = $"  - role: control-plane\n    image: {image}\n" + string.Concat(Enumerable.Repeat($"  - role: worker\n    image: {image}\n", workers)) + (workers > 0 ? lastWorkerExtra : string.Empty);
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n{nodes}");
        return Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n"));
    }

    [Fact]
    public async Task One_control_plane_and_two_workers_become_Ready_the_kubeconfig_works_with_kubectl_and_a_port_mapping_reaches_a_Pod()
    {
        var ct = TestContext.Current.CancellationToken;
        var hostPort = ClusterChecks.FreeLoopbackPort();
        var declared = await DeclareAsync(workers: 2, lastWorkerExtra: $"    extraPortMappings:\n      - containerPort: 8080\n        hostPort: {hostPort}\n        listenAddress: 127.0.0.1\n");

        // When
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: named and labelled as kind names and labels them
        var nodes = await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct);
        Assert.Equal([$"{name}-control-plane", $"{name}-worker", $"{name}-worker2"], nodes.Select(n => n.Name));
        Assert.Equal(["control-plane", "worker", "worker"], nodes.Select(n => n.Labels[VanillaProvisioner.RoleLabel]));
        Assert.Equal($"kind-{name}", created.ContextName);
        Assert.Equal("127.0.0.1", created.Server.Host);

        // The nodes become Ready: watched through the exported kubeconfig.
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var ready = new HashSet<string>(StringComparer.Ordinal);
        await Watch.FirstAsync<V1Node, V1NodeList>(
            client.CoreV1.ListNodeWithHttpMessagesAsync(watch: true, cancellationToken: ct),
            n =>
            {
                if (n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                {
                    ready.Add(n.Metadata.Name);
                }

                return ready.Count == 3;
            },
            TimeSpan.FromMinutes(3),
            ct);

        // The machine's kubectl reads the same kubeconfig.
        var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["--kubeconfig", kubeconfig, "get", "nodes", "-o", "name"]) { RedirectStandardOutput = true })!;
        var listed = await kubectl.StandardOutput.ReadToEndAsync(ct);
        await kubectl.WaitForExitAsync(ct);
        Assert.Equal(0, kubectl.ExitCode);
        Assert.Contains($"node/{name}-worker2", listed, StringComparison.Ordinal);

        // kind's extraPortMappings of worker2 reach a Pod's hostPort there.
        var image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        try
        {
            await ClusterChecks.LoadImageAsync(image, $"{name}-worker2", ct);
            await ClusterChecks.RunWebPodAsync(client, image, $"{name}-worker2", TimeSpan.FromMinutes(3), ct);
            Assert.Equal("served by a pod", (await ClusterChecks.GetPageAsync(new Uri($"http://127.0.0.1:{hostPort}/"), ct)).Trim());
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", image);
        }

        // Delete leaves nothing.
        var removed = await new VanillaProvisioner(Docker).DeleteAsync(name, ct);
        Assert.Equal(3, removed.Count);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct));
    }

    [Fact]
    public async Task Stop_and_start_keep_the_cluster_and_its_spec_is_kept_until_delete()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(workers: 0);
        var state = new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state"));
        var lifecycle = new KSail.Core.Lifecycle.ClusterLifecycle(Docker, state: state);
        var created = await lifecycle.CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
        Assert.NotNull(state.Load(name));
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "kept" } }, cancellationToken: ct);

        // When
        await lifecycle.StopAsync(name, ct);
        var stopped = await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct);
        await lifecycle.StartAsync(name, ct);

        // Then: the same cluster comes back, with what it held
        Assert.All(stopped, n => Assert.Equal("exited", n.State));
        var port = await Docker.HostPortAsync($"{name}-control-plane", 6443, ct: ct);
        using var restarted = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(
            k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(KSail.Core.Kubeconfig.Kubeconfigs.Rewrite(created.Kubeconfig, created.ContextName, new Uri($"https://127.0.0.1:{port}")))));
        await Watch.FirstOnceServedAsync<V1Node, V1NodeList>(
            token => restarted.CoreV1.ListNodeWithHttpMessagesAsync(watch: true, cancellationToken: token),
            n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            TimeSpan.FromMinutes(3),
            ct: ct);
        Assert.Contains((await restarted.CoreV1.ListNamespaceAsync(cancellationToken: ct)).Items, n => n.Metadata.Name == "kept");

        await lifecycle.DeleteAsync(name, kubeconfigPath: null, ct);
        Assert.Null(state.Load(name));
    }

    [Fact]
    public async Task A_missing_image_fails_the_first_step_and_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(workers: 0, image: "127.0.0.1:1/ksail-test/kind-node:none");

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct));

        Assert.Contains("step 'check images'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1/ksail-test/kind-node:none", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct));
    }
}
