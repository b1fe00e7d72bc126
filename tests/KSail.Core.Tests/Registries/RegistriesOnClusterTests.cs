using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Registries;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Registries;

/// <summary>
/// The local registry and the pull-through mirrors on a real cluster (FIDELITY: KSail's registries,
/// PARITY rows 62 and 63): where the containers run and what they serve, KEP-1755's ConfigMap, what
/// <c>cluster delete</c> keeps or removes, and bad input that must leave nothing behind. Pods pulling
/// through the registries from the nodes are the node side's tests.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class RegistriesOnClusterTests(RegistriesCluster cluster) : IClassFixture<RegistriesCluster>
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };

    [Fact]
    public async Task The_local_registry_runs_on_the_cluster_network_on_127_0_0_1_takes_a_push_from_the_host_and_is_announced_in_kube_public()
    {
        var ct = TestContext.Current.CancellationToken;

        // The container: KSail's name, on the kind network beside the node, published on 127.0.0.1 only
        var inspected = await cluster.Docker.Engine.Client.Containers.InspectContainerAsync(cluster.Local, ct);
        Assert.True(inspected.State!.Running);
        Assert.Contains("kind", inspected.NetworkSettings!.Networks!.Keys);
        var binding = Assert.Single(inspected.HostConfig!.PortBindings!["5000/tcp"]);
        Assert.Equal(("127.0.0.1", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), (binding.HostIP, binding.HostPort));
        var labels = inspected.Config!.Labels!;
        Assert.Equal((cluster.Name, "local-registry", cluster.Local), (labels["io.ksail.cluster"], labels["io.ksail.role"], labels["io.ksail.registry"]));
        Assert.Equal(cluster.RegistryImage, inspected.Config.Image);

        // A push from the host, and the registry's catalog lists it
        await RegistriesCluster.PushAsync(cluster.Image, $"127.0.0.1:{cluster.Port}/app:1", ct);
        var catalog = JsonNode.Parse(await ClusterChecks.GetPageAsync(new Uri($"http://127.0.0.1:{cluster.Port}/v2/_catalog"), ct))!;
        Assert.Contains("app", catalog["repositories"]!.AsArray().Select(r => r!.GetValue<string>()));

        // KEP-1755's ConfigMap in kube-public
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig));
        var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync("local-registry-hosting", "kube-public", cancellationToken: ct);
        Assert.Equal(
            $"host: \"localhost:{cluster.Port}\"\nhostFromContainerRuntime: \"{cluster.Local}:5000\"\nhostFromClusterNetwork: \"{cluster.Local}:5000\"\nhelp: \"{LocalRegistryHosting.Help}\"\n",
            configMap.Data["localRegistryHosting.v1"]);
    }

    [Fact]
    public async Task The_mirror_serves_the_upstreams_image_through_the_registry_API_and_caches_it()
    {
        var ct = TestContext.Current.CancellationToken;

        // The mirror: on the kind network, no host port, the upstream as its proxy's remote URL
        var inspected = await cluster.Docker.Engine.Client.Containers.InspectContainerAsync(cluster.Mirror, ct);
        Assert.Contains("kind", inspected.NetworkSettings!.Networks!.Keys);
        Assert.True(inspected.HostConfig!.PortBindings is null || inspected.HostConfig.PortBindings.Count == 0, "a mirror publishes no port");
        Assert.Contains($"REGISTRY_PROXY_REMOTEURL=http://{cluster.Upstream}:5000", inspected.Config!.Env!);
        Assert.Equal([new NodeRegistryMirror(cluster.MirrorHost, $"http://{cluster.Mirror}:5000")], cluster.Definition.RegistryMirrors.Where(m => m.Host == cluster.MirrorHost));

        // upstream-host/app:1's manifest and its layer, fetched through the mirror
        await AssertServesAppAsync(ct);

        // And the mirror's catalog now holds it
        await cluster.WaitForCatalogAsync(cluster.Mirror, "app", ct);
    }

    [Fact]
    public async Task Delete_keeps_the_registries_data_so_a_recreated_cluster_finds_its_images_and_the_mirror_serves_without_its_upstream()
    {
        var ct = TestContext.Current.CancellationToken;

        // Given an image pushed to the local registry and the upstream's image cached by the mirror
        await RegistriesCluster.PushAsync(cluster.Image, $"127.0.0.1:{cluster.Port}/kept:1", ct);
        await AssertServesAppAsync(ct);
        await cluster.WaitForCatalogAsync(cluster.Mirror, "app", ct);

        // When the cluster is deleted (without --delete-storage)
        var removed = await cluster.Lifecycle.DeleteAsync(cluster.Name, cluster.Kubeconfig, deleteStorage: false, ct);

        // Then the registry containers went with the nodes, and their volumes stayed
        Assert.Contains(cluster.Local, removed);
        Assert.Contains(cluster.Mirror, removed);
        Assert.Empty(await cluster.Docker.ListAsync(new Dictionary<string, string> { ["io.ksail.cluster"] = cluster.Name }, ct));
        await ClusterChecks.RunAsync("docker", ct, "volume", "inspect", cluster.Local, RegistryDeclarations.MirrorVolume(cluster.MirrorHost));

        // When it is created again, with the upstream gone
        await cluster.Lifecycle.CreateAsync(cluster.Load(), cluster.Options, ct);
        await ClusterChecks.RunAsync("docker", ct, "stop", cluster.Upstream);
        try
        {
            // Then the local registry still has the image, and the mirror serves the cached one with no upstream to ask
            var catalog = JsonNode.Parse(await ClusterChecks.GetPageAsync(new Uri($"http://127.0.0.1:{cluster.Port}/v2/_catalog"), ct))!;
            Assert.Contains("kept", catalog["repositories"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Contains("app", await cluster.CatalogAsync(cluster.Mirror, ct));
            await AssertServesAppAsync(ct);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "start", cluster.Upstream);
            await cluster.Docker.WaitForLogAsync(cluster.Upstream, "listening on", TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Delete_storage_removes_the_registries_volumes_and_without_it_they_are_kept_and_used_again()
    {
        // Given a cluster's registries alone (no nodes: what delete does with them is the same)
        var ct = TestContext.Current.CancellationToken;
        var name = $"regs-{Guid.NewGuid().ToString("N")[..6]}";
        var mirrorHost = $"store-{Guid.NewGuid().ToString("N")[..6]}.test";
        var path = cluster.Dir.Write($"{name}.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    localRegistry:\n      registry: localhost:{ClusterChecks.FreeLoopbackPort()}\n");
        var definition = ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = path,
            WorkingDirectory = cluster.Dir.Path,
            Environment = new Dictionary<string, string?> { [RegistryDeclarations.ImageVariable] = cluster.RegistryImage },
            MirrorRegistries = [$"{mirrorHost}=http://{cluster.Upstream}:5000"],
        });
        var volumes = new[] { $"{name}-local-registry", mirrorHost };
        var options = new CreateOptions { ExtraLabels = TestLabel };
        try
        {
            Assert.Equal(volumes, await ClusterRegistries.StartAsync(cluster.Docker, definition, options, null, ct));

            // When it is deleted without --delete-storage, then started again
            await cluster.Lifecycle.DeleteAsync(name, null, deleteStorage: false, ct);
            var createdAgain = await ClusterRegistries.StartAsync(cluster.Docker, definition, options, null, ct);

            // Then the volumes were kept and are used again (none created)
            Assert.Empty(createdAgain);

            // When it is deleted with --delete-storage
            var removed = await cluster.Lifecycle.DeleteAsync(name, null, deleteStorage: true, ct);

            // Then the containers and both volumes are gone
            Assert.Equal(new[] { $"{name}-{mirrorHost}", $"{name}-local-registry", $"volume {mirrorHost}", $"volume {name}-local-registry" }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
            foreach (var volume in volumes)
            {
                Assert.False(await cluster.Docker.RemoveUnusedVolumeAsync(volume, ct), $"volume {volume} is left");
            }
        }
        finally
        {
            await cluster.Lifecycle.DeleteAsync(name, null, deleteStorage: true, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_K3s_cluster_gets_its_local_registry_on_its_own_network_and_delete_storage_removes_the_registry_its_volume_and_the_network()
    {
        // Given a K3s cluster (k3d's network k3d-<name>) with a local registry
        var ct = TestContext.Current.CancellationToken;
        var name = $"regk-{Guid.NewGuid().ToString("N")[..6]}";
        var k3s = (await TestImages.GetAsync(ct))["k3s-node"];
        var kubeconfig = Path.Combine(cluster.Dir.Path, $"{name}.kubeconfig");
        cluster.Dir.Write($"{name}-k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {k3s}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        var path = cluster.Dir.Write($"{name}.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: {name}-k3d.yaml\n    connection:\n      kubeconfig: {kubeconfig}\n    localRegistry:\n      registry: localhost:{ClusterChecks.FreeLoopbackPort()}\n");
        var definition = ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = path,
            WorkingDirectory = cluster.Dir.Path,
            Environment = new Dictionary<string, string?> { [RegistryDeclarations.ImageVariable] = cluster.RegistryImage },
        });
        try
        {
            // When it is created
            await cluster.Lifecycle.CreateAsync(definition, new CreateOptions { ExtraLabels = TestLabel }, ct);

            // Then the registry is on the cluster's own network, and KEP-1755's ConfigMap is in kube-public
            var inspected = await cluster.Docker.Engine.Client.Containers.InspectContainerAsync($"{name}-local-registry", ct);
            Assert.Equal([$"k3d-{name}"], inspected.NetworkSettings!.Networks!.Keys);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync("local-registry-hosting", "kube-public", cancellationToken: ct);
            Assert.Contains($"hostFromClusterNetwork: \"{name}-local-registry:5000\"", configMap.Data["localRegistryHosting.v1"], StringComparison.Ordinal);

            // When it is deleted with --delete-storage, then nothing of it is left: nodes, registry, volume, network
            var removed = await cluster.Lifecycle.DeleteAsync(name, kubeconfig, deleteStorage: true, ct);
            Assert.Contains($"volume {name}-local-registry", removed);
            await AssertNothingLeftAsync(name, ct);
        }
        finally
        {
            await cluster.Lifecycle.DeleteAsync(name, kubeconfig, deleteStorage: true, CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("Vanilla")]
    [InlineData("K3s")]
    public async Task A_local_registry_port_in_use_fails_the_create_naming_ksail_yaml_and_leaves_nothing_behind(string distribution)
    {
        // Given the local registry's port held by another program on 127.0.0.1
        var ct = TestContext.Current.CancellationToken;
        using var holder = new TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var name = $"regp-{Guid.NewGuid().ToString("N")[..6]}";

        // When the cluster is created
        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => CreateAloneAsync(name, port, cluster.RegistryImage, ct, distribution));

        // Then the error names ksail.yaml's line and the port, with exit code 5, and nothing of the
        // cluster exists (for K3s, not even the cluster's network, made for the registry to join)
        Assert.Equal(ExitCodes.ProvisioningFailed, ex.ExitCode);
        Assert.Contains($"{name}.yaml:10:", ex.Message, StringComparison.Ordinal);
        Assert.Contains($": the local registry {name}-local-registry could not start", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a host port is already in use", ex.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync(name, ct);
    }

    [Fact]
    public async Task A_registry_image_that_does_not_serve_fails_the_create_with_its_log_and_leaves_nothing_behind()
    {
        // Given a registry image that is not one: it prints a line and exits
        var ct = TestContext.Current.CancellationToken;
        var name = $"regn-{Guid.NewGuid().ToString("N")[..6]}";
        var notARegistry = $"ksail-test/not-a-registry:{Guid.NewGuid().ToString("N")[..8]}";
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(Path.Combine(scratch.Path, "bin"));
        File.Copy("/bin/busybox", Path.Combine(scratch.Path, "bin", "busybox"));
        await ClusterChecks.RunAsync(
            "bash", ct, "-c", "tar -C \"$1\" -c . | docker import --change 'LABEL io.ksail.test=true' --change 'CMD [\"/bin/busybox\", \"sh\", \"-c\", \"echo this is not a registry; exit 3\"]' - \"$2\" >/dev/null",
            "import", scratch.Path, notARegistry);
        try
        {
            // When the cluster is created with it
            var ex = await Assert.ThrowsAsync<ProvisioningException>(() => CreateAloneAsync(name, ClusterChecks.FreeLoopbackPort(), notARegistry, ct));

            // Then the error names ksail.yaml's line and shows the registry's log, and nothing is left
            Assert.Contains($"{name}.yaml:10:", ex.Message, StringComparison.Ordinal);
            Assert.Contains($": the local registry {name}-local-registry ({notARegistry}) did not start serving", ex.Message, StringComparison.Ordinal);
            Assert.Contains("this is not a registry", ex.Message, StringComparison.Ordinal);
            await AssertNothingLeftAsync(name, ct);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", notARegistry);
        }
    }

    // upstream-host/app:1 through the mirror's registry API: the manifest by tag, then its layer, whose digest must match.
    private async Task AssertServesAppAsync(CancellationToken ct)
    {
        var manifest = JsonNode.Parse(await cluster.GetAsync(cluster.Mirror, "/v2/app/manifests/1", ct, "application/vnd.docker.distribution.manifest.v2+json"))!;
        var layer = manifest["layers"]![0]!["digest"]!.GetValue<string>();
        var result = await cluster.Docker.ExecAsync(cluster.Mirror, ["sh", "-c", $"wget -q -O- http://localhost:5000/v2/app/blobs/{layer} | sha256sum"], ct: ct);
        Assert.Equal("sha256:" + result.Output.Split(' ')[0], layer);
    }

    // A Vanilla cluster of its own (the test bed's node image) with a local registry on port, created by the lifecycle.
    private async Task CreateAloneAsync(string name, int port, string registryImage, CancellationToken ct, string distribution = "Vanilla")
    {
        var native = distribution == "K3s" ? cluster.Dir.Write($"{name}-k3d.yaml", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\n") : "kind.yaml";
        var path = cluster.Dir.Write($"{name}.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: {distribution}\n    distributionConfig: {native}\n    localRegistry:\n      registry: localhost:{port}\n");
        var definition = ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = path,
            WorkingDirectory = cluster.Dir.Path,
            Environment = new Dictionary<string, string?> { [RegistryDeclarations.ImageVariable] = registryImage },
        });
        await cluster.Lifecycle.CreateAsync(definition, new CreateOptions { ExtraLabels = TestLabel }, ct);
    }

    private async Task AssertNothingLeftAsync(string name, CancellationToken ct)
    {
        Assert.Empty(await cluster.Docker.ListAnyAsync([new("io.ksail.cluster", name), new("io.x-k8s.kind.cluster", name), new("k3d.cluster", name)], ct));
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "network", "ls", "-q", "--filter", $"label=io.ksail.cluster={name}")).Trim());
        Assert.False(await cluster.Docker.RemoveUnusedVolumeAsync($"{name}-local-registry", ct), $"the volume {name}-local-registry was left behind");
    }
}
