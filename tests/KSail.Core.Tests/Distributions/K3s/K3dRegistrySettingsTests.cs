using k8s;
using KSail.Core.Distributions.K3s;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// k3d.yaml's registries reach the nodes for real (FIDELITY D14): a K3s cluster of the test bed's
/// stand-in nodes whose k3d.yaml creates a registry (the test bed's registry image), uses one run
/// before it, and adds a mirror in registries.config; Pods pull images pushed from the host through
/// each name.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class K3dRegistrySettingsTests(K3dRegistrySettingsTests.Cluster bed) : IClassFixture<K3dRegistrySettingsTests.Cluster>
{
    /// <summary>The cluster (a server and an agent), its created registry holding app:1, and a client.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
        private readonly ScratchDirectory dir = new();
        private readonly List<string> images = [];
        private DockerProvider? docker;

        public string Name { get; } = $"kg-{Guid.NewGuid().ToString("N")[..6]}";

        public string Registry => $"{Name}-registry";

        public int Port { get; } = ClusterChecks.FreeLoopbackPort();

        /// <summary>A registry run before the cluster, named in registries.use.</summary>
        public string Used => $"{Name}-used";

        public int UsedPort { get; } = ClusterChecks.FreeLoopbackPort();

        public IKubernetes Client { get; private set; } = null!;

        public DockerProvider Docker => docker!;

        public async ValueTask InitializeAsync()
        {
            DockerAvailability.Require();
            var ct = TestContext.Current.CancellationToken;
            docker = await DockerProvider.ConnectAsync(ct: ct);
            var bedImages = await TestImages.GetAsync(ct);
            await ClusterChecks.RunAsync(
                "docker", ct, "run", "-d", "-p", $"127.0.0.1:{UsedPort}:5000", "--label", "io.ksail.test=true", "--name", Used, bedImages["registry"]);
            var declared = Declarations.Load(Declarations.WriteK3s(dir, Name, $$"""
                apiVersion: k3d.io/v1alpha5
                kind: Simple
                servers: 1
                agents: 1
                image: {{bedImages["k3s-node"]}}
                options:
                  k3d:
                    disableLoadbalancer: true
                registries:
                  create:
                    name: {{Registry}}
                    image: {{bedImages["registry"]}}
                    host: "127.0.0.1"
                    hostPort: "{{Port}}"
                  use:
                    - {{Used}}:5000
                  config: |
                    mirrors:
                      "localhost:{{Port}}":
                        endpoint:
                          - http://{{Registry}}:5000
                """));
            var created = await new K3sProvisioner(docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
            Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));

            await RegistryPulls.PushAppAsync(Port, images, ct);
            await RegistryPulls.PushAppAsync(UsedPort, images, ct);
        }

        public async ValueTask DisposeAsync()
        {
            (Client as IDisposable)?.Dispose();
            if (docker is not null)
            {
                await new K3sProvisioner(docker).DeleteAsync(Name, CancellationToken.None);
                docker.Dispose();
            }

            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", Used);
            foreach (var image in images)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", image);
            }

            dir.Dispose();
        }
    }

    private Task AssertHelloAsync(string image, string node, CancellationToken ct) => RegistryPulls.AssertHelloAsync(bed.Client, image, node, ct);

    [Fact]
    public async Task The_created_registry_runs_as_k3d_runs_it_and_an_agent_pulls_through_the_name_k3d_gives_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = Assert.Single(await bed.Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = bed.Name, [K3sProvisioner.RoleLabel] = "registry" }, ct));
        Assert.Equal(bed.Registry, registry.Name);
        Assert.Equal(bed.Port, await bed.Docker.HostPortAsync(bed.Registry, 5000, ct: ct));

        await AssertHelloAsync($"{bed.Registry}:{bed.Port}/app:1", $"k3d-{bed.Name}-agent-0", ct);

        // As k3d: the KEP-1755 ConfigMap names the first registry the cluster uses (registries.use's come before the created one).
        var hosting = await bed.Client.CoreV1.ReadNamespacedConfigMapAsync("local-registry-hosting", "kube-public", cancellationToken: ct);
        var v1 = hosting.Data["localRegistryHosting.v1"];
        Assert.Contains($"\"host\": \"127.0.0.1:{bed.UsedPort}\"", v1, StringComparison.Ordinal);
        Assert.Contains($"\"hostFromClusterNetwork\": \"{bed.Used}:5000\"", v1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registries_config_is_merged_in_and_a_server_pulls_through_its_mirror()
    {
        var ct = TestContext.Current.CancellationToken;
        var written = K3sRegistries.Parse(await ClusterChecks.RunAsync("docker", ct, "exec", $"k3d-{bed.Name}-server-0", "cat", K3sRegistries.Path));
        Assert.Equal(
            [$"{bed.Registry}:{bed.Port}", $"{bed.Registry}:5000", $"{bed.Used}:{bed.UsedPort}", $"{bed.Used}:5000", $"localhost:{bed.Port}"],
            written["mirrors"]!.AsObject().Select(m => m.Key).Order(StringComparer.Ordinal));

        await AssertHelloAsync($"localhost:{bed.Port}/app:1", $"k3d-{bed.Name}-server-0", ct);
    }

    [Fact]
    public async Task A_registry_named_in_registries_use_joins_the_cluster_network_and_a_server_pulls_through_it()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.NotNull(await bed.Docker.AddressAsync(bed.Used, $"k3d-{bed.Name}", ct));

        await AssertHelloAsync($"{bed.Used}:{bed.UsedPort}/app:1", $"k3d-{bed.Name}-server-0", ct);
    }
}
