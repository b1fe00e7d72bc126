using k8s;
using KSail.Core.Configuration;
using KSail.Core.Distributions;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Registries;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions;

/// <summary>
/// KSail's registries reach every node in its distribution's form (ClusterDefinition.RegistryMirrors:
/// containerd hosts.toml on Vanilla, registries.yaml on K3s), on a 1+2 cluster of each distribution
/// declared with <c>spec.cluster.localRegistry.registry</c> and one <c>--mirror-registry</c>: an image
/// pushed to the local registry from the host runs on a worker as <c>localhost:&lt;port&gt;/app:1</c>, and
/// an image of a second registry (playing the upstream) is pulled through the mirror, whose catalog
/// then holds it. The registries start as create's registries phase starts them, before any node.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class NodeRegistriesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly ScratchDirectory dir = new();
    private readonly string id = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> containers = [];
    private readonly List<string> volumes = [];
    private readonly List<string> images = [];
    private DockerProvider? docker;
    private Func<Task>? deleteCluster;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        docker = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            if (deleteCluster is not null)
            {
                await deleteCluster();
            }

            foreach (var container in containers)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", container);
            }

            foreach (var volume in volumes)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "volume", "rm", "-f", volume);
            }

            foreach (var image in images)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", image);
            }

            docker.Dispose();
        }

        dir.Dispose();
    }

    [Fact]
    public async Task Vanilla_workers_pull_from_the_local_registry_and_through_the_mirror()
    {
        var nodeImage = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        var nodes = string.Concat(Enumerable.Repeat($"  - role: worker\n    image: {nodeImage}\n", 2));
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {nodeImage}\n{nodes}");
        await RunAsync($"nr-{id}", "Vanilla", "kind.yaml", d => new VanillaProvisioner(d), d => new VanillaProvisioner(d).DeleteAsync($"nr-{id}", CancellationToken.None), worker: $"nr-{id}-worker2");
    }

    [Fact]
    public async Task K3s_agents_pull_from_the_local_registry_and_through_the_mirror()
    {
        var nodeImage = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nagents: 2\nimage: {nodeImage}\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        await RunAsync($"nr-{id}", "K3s", "k3d.yaml", d => new K3sProvisioner(d), d => new K3sProvisioner(d).DeleteAsync($"nr-{id}", CancellationToken.None), worker: $"k3d-nr-{id}-agent-1");
    }

    private async Task RunAsync(string name, string distribution, string nativeFile, Func<DockerProvider, IProvisioner> provisionerFor, Func<DockerProvider, Task> delete, string worker)
    {
        var ct = TestContext.Current.CancellationToken;
        var registryImage = await TestImages.RegistryAsync(ct);
        var localPort = ClusterChecks.FreeLoopbackPort();
        var upstreamPort = ClusterChecks.FreeLoopbackPort();
        var upstream = $"{name}-upstream";
        var upstreamHost = $"up-{id}.example";

        // The upstream: a registry of its own (the internet's stand-in), holding app:1.
        containers.Add(upstream);
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "-p", $"127.0.0.1:{upstreamPort}:5000", "--label", "io.ksail.test=true", "--name", upstream, registryImage);
        await RegistryPulls.PushAppAsync(upstreamPort, images, ct);

        var declared = ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: {distribution}\n    distributionConfig: {nativeFile}\n    localRegistry:\n      registry: localhost:{localPort}\n"),
            WorkingDirectory = dir.Path,
            Environment = new Dictionary<string, string?> { [RegistryDeclarations.ImageVariable] = registryImage },
            MirrorRegistries = [$"{upstreamHost}=http://{upstream}:5000"],
            HomeDirectory = "/home/tester",
        });
        Assert.Equal(2, declared.RegistryMirrors.Count);
        volumes.AddRange(declared.Registries.Select(r => r.Volume));

        // As create: the network, the registries on it, then the nodes.
        var provisioner = provisionerFor(docker!);
        deleteCluster = () => delete(docker!);
        var options = new CreateOptions { ExtraLabels = TestLabel };
        var network = await provisioner.CreateNetworkAsync(declared, options, ct);
        await ClusterChecks.RunAsync("docker", ct, "network", "connect", network, upstream);
        _ = await ClusterRegistries.StartAsync(docker!, declared, options, null, ct);
        var created = await provisioner.CreateAsync(declared, options, ct);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));

        // The local registry: pushed from the host, pulled by a worker under the name the host uses.
        await RegistryPulls.PushAppAsync(localPort, images, ct);
        await RegistryPulls.AssertHelloAsync(client, $"localhost:{localPort}/app:1", worker, ct);

        // The mirror: the worker pulls the upstream's image through it, and the mirror keeps it.
        await RegistryPulls.AssertHelloAsync(client, $"{upstreamHost}/app:1", worker, ct);
        var mirror = declared.Registries.Single(r => r.Role == RegistryContainer.MirrorRole).Name;
        var catalog = await ClusterChecks.RunAsync("docker", ct, "exec", mirror, "wget", "-qO-", "http://127.0.0.1:5000/v2/_catalog");
        Assert.Contains("\"app\"", catalog, StringComparison.Ordinal);
    }
}
