using k8s;
using KSail.Core.Configuration;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// kind's registry settings reach the nodes' containerd for real (FIDELITY K41), on one Vanilla
/// cluster of the test bed's kind-compatible nodes (a control plane and a worker), with the test
/// bed's registry image standing in for registry:2: kind's own local-registry recipe
/// (https://kind.sigs.k8s.io/docs/user/local-registry/), unchanged, a registry KSail's settings
/// give the cluster (<see cref="ClusterDefinition.RegistryMirrors"/>), and a hosts.toml of KSail's
/// mirrors directory (kind/mirrors beside ksail.yaml, spec.cluster.vanilla.mirrorsDir's default).
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KindRegistrySettingsTests(KindRegistrySettingsTests.Cluster bed) : IClassFixture<KindRegistrySettingsTests.Cluster>
{
    /// <summary>The cluster, its two registries (each holding app:1, pushed from the host) and a client.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
        private readonly ScratchDirectory dir = new();
        private readonly List<string> containers = [];
        private readonly List<string> images = [];
        private DockerProvider? docker;

        public string Name { get; } = $"kr-{Guid.NewGuid().ToString("N")[..6]}";

        /// <summary>The recipe's registry (kind-registry in kind's docs), on 127.0.0.1.</summary>
        public string RecipeRegistry => $"{Name}-registry";

        public int RecipePort { get; } = ClusterChecks.FreeLoopbackPort();

        /// <summary>The registry KSail's settings name (its local registry, <c>&lt;cluster&gt;-local-registry</c>).</summary>
        public string LocalRegistry => $"{Name}-local-registry";

        public int LocalPort { get; } = ClusterChecks.FreeLoopbackPort();

        /// <summary>The registry host of the mirrors directory's hosts.toml, pulled from the local registry.</summary>
        public string DirectoryHost => $"{Name}-dir.example";

        public IKubernetes Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            DockerAvailability.Require();
            var ct = TestContext.Current.CancellationToken;
            docker = await DockerProvider.ConnectAsync(ct: ct);
            var nodeImage = (await TestImages.GetAsync(ct))["kind-node"];

            // 1. The recipe's registry container (docker run ... -p "127.0.0.1:${reg_port}:5000" --network bridge registry:2).
            await RunRegistryAsync(RecipeRegistry, RecipePort, ct);
            await RunRegistryAsync(LocalRegistry, LocalPort, ct);

            // 2. The cluster, with the recipe's containerdConfigPatches; KSail's registry through RegistryMirrors.
            dir.Write("kind.yaml", $$"""
                kind: Cluster
                apiVersion: kind.x-k8s.io/v1alpha4
                nodes:
                  - role: control-plane
                    image: {{nodeImage}}
                  - role: worker
                    image: {{nodeImage}}
                containerdConfigPatches:
                - |-
                  [plugins."io.containerd.grpc.v1.cri".registry]
                    config_path = "/etc/containerd/certs.d"
                """);
            dir.Write($"kind/mirrors/{DirectoryHost}/hosts.toml", $"server = \"https://{DirectoryHost}\"\n\n[host.\"http://{LocalRegistry}:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
            var declared = K3s.K3sRegistriesTests.WithMirrors(
                Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {Name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n")),
                new NodeRegistryMirror($"localhost:{LocalPort}", $"http://{LocalRegistry}:5000"));
            var created = await new VanillaProvisioner(docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

            // 3. The recipe's hosts.toml in every node, 4. its registry joined to the kind network.
            foreach (var node in Nodes)
            {
                await ClusterChecks.RunAsync(
                    "docker", ct, "exec", node, "sh", "-c", $"mkdir -p /etc/containerd/certs.d/localhost:{RecipePort} && printf '[host.\"http://{RecipeRegistry}:5000\"]\\n' > /etc/containerd/certs.d/localhost:{RecipePort}/hosts.toml");
            }

            await ClusterChecks.RunAsync("docker", ct, "network", "connect", "kind", RecipeRegistry);
            await ClusterChecks.RunAsync("docker", ct, "network", "connect", "kind", LocalRegistry);

            await RegistryPulls.PushAppAsync(RecipePort, images, ct);
            await RegistryPulls.PushAppAsync(LocalPort, images, ct);
            Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));
        }

        public IReadOnlyList<string> Nodes => [$"{Name}-control-plane", $"{Name}-worker"];

        public async ValueTask DisposeAsync()
        {
            (Client as IDisposable)?.Dispose();
            if (docker is not null)
            {
                await new VanillaProvisioner(docker).DeleteAsync(Name, CancellationToken.None);
                docker.Dispose();
            }

            foreach (var container in containers)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", container);
            }

            foreach (var image in images)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", image);
            }

            dir.Dispose();
        }

        // A registry container of the test bed's registry image, published on 127.0.0.1:port, as kind's recipe runs registry:2.
        private async Task RunRegistryAsync(string registry, int port, CancellationToken ct)
        {
            var image = (await TestImages.GetAsync(ct))["registry"];
            containers.Add(registry);
            await ClusterChecks.RunAsync(
                "docker", ct, "run", "-d", "--restart=always", "-p", $"127.0.0.1:{port}:5000", "--network", "bridge", "--label", "io.ksail.test=true", "--name", registry, image);
        }
    }

    private Task AssertHelloAsync(string image, string node, CancellationToken ct) => RegistryPulls.AssertHelloAsync(bed.Client, image, node, ct);

    [Fact]
    public async Task Kinds_local_registry_recipe_works_unchanged_a_Pod_pulls_its_image_through_the_registry()
    {
        // On the worker: with a worker, the control plane keeps its NoSchedule taint, as in kind.
        await AssertHelloAsync($"localhost:{bed.RecipePort}/app:1", $"{bed.Name}-worker", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task KSails_registry_gets_a_hosts_toml_in_every_node_and_a_worker_pulls_through_it()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var node in bed.Nodes)
        {
            var config = await ClusterChecks.RunAsync("docker", ct, "exec", node, "cat", ContainerdConfig.Path);
            Assert.Contains("config_path = \"/etc/containerd/certs.d\"", config, StringComparison.Ordinal);
            var hosts = await ClusterChecks.RunAsync("docker", ct, "exec", node, "cat", $"/etc/containerd/certs.d/localhost:{bed.LocalPort}/hosts.toml");
            Assert.Contains($"[host.\"http://{bed.LocalRegistry}:5000\"]", hosts, StringComparison.Ordinal);
        }

        await AssertHelloAsync($"localhost:{bed.LocalPort}/app:1", $"{bed.Name}-worker", ct);
    }

    [Fact]
    public async Task The_mirrors_directorys_hosts_toml_is_in_every_node_and_a_worker_pulls_through_it()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var node in bed.Nodes)
        {
            var hosts = await ClusterChecks.RunAsync("docker", ct, "exec", node, "cat", $"/etc/containerd/certs.d/{bed.DirectoryHost}/hosts.toml");
            Assert.Contains($"[host.\"http://{bed.LocalRegistry}:5000\"]", hosts, StringComparison.Ordinal);
        }

        await AssertHelloAsync($"{bed.DirectoryHost}/app:1", $"{bed.Name}-worker", ct);
    }
}
