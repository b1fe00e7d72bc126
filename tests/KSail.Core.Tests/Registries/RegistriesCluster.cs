using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Registries;
using KSail.Core.State;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Registries;

/// <summary>
/// One Vanilla cluster on the test bed, created by the lifecycle with a local registry and a
/// pull-through mirror (the test bed's stand-in for <c>registry:3</c>, named by
/// <c>KSAIL_REGISTRY_IMAGE</c>), shared by the tests of <see cref="RegistriesOnClusterTests"/>. A second
/// registry container plays the mirror's upstream, with <c>app:1</c> pushed to it from the host.
/// </summary>
public sealed class RegistriesCluster : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };

    /// <summary>The cluster name.</summary>
    public string Name { get; } = $"reg-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The upstream registry container (on the kind network).</summary>
    public string Upstream { get; } = $"ksail-test-upstream-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The mirror's host, as image names spell it (unique, so its volume is this run's alone).</summary>
    public string MirrorHost { get; } = $"upstream-{Guid.NewGuid().ToString("N")[..6]}.test";

    /// <summary>The local registry's host port.</summary>
    public int Port { get; } = ClusterChecks.FreeLoopbackPort();

    /// <summary>Where the test's files go.</summary>
    public ScratchDirectory Dir { get; } = new();

    /// <summary>The Docker provider.</summary>
    public DockerProvider Docker { get; private set; } = null!;

    /// <summary>The lifecycle (its state under <see cref="Dir"/>).</summary>
    public ClusterLifecycle Lifecycle { get; private set; } = null!;

    /// <summary>The declaration.</summary>
    public ClusterDefinition Definition { get; private set; } = null!;

    /// <summary>The kubeconfig of the cluster.</summary>
    public string Kubeconfig => Path.Combine(Dir.Path, "kubeconfig");

    /// <summary>The create options (the test label on everything).</summary>
    public CreateOptions Options { get; } = new() { ExtraLabels = TestLabel };

    /// <summary>The image pushed to the upstream as 127.0.0.1:port/app:1 (a local busybox import).</summary>
    public string Image { get; private set; } = null!;

    /// <summary>The upstream's host port.</summary>
    public int UpstreamPort { get; private set; }

    /// <summary>The mirror container.</summary>
    public string Mirror => RegistryDeclarations.MirrorName(Name, MirrorHost);

    /// <summary>The local registry container.</summary>
    public string Local => RegistryDeclarations.LocalRegistryName(Name);

    /// <summary>The test bed's registry stand-in.</summary>
    public string RegistryImage { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        RegistryImage = images["registry"];
        Docker = await DockerProvider.ConnectAsync(ct: ct);
        Lifecycle = new ClusterLifecycle(Docker, state: new ClusterStateStore(Path.Combine(Dir.Path, "state")));

        // The upstream: a registry on the kind network (as the product creates it), app:1 pushed to it from the host.
        await Docker.EnsureNetworkAsync("kind", new Dictionary<string, string>(), ct);
        await ClusterChecks.RunAsync(
            "docker", ct, "run", "-d", "--name", Upstream, "--label", "io.ksail.test=true", "--network", "kind", "-p", "127.0.0.1::5000",
            "--mount", $"type=volume,source={Upstream},target=/var/lib/registry,volume-label=io.ksail.test=true", RegistryImage);
        UpstreamPort = (await Docker.HostPortAsync(Upstream, 5000, ct: ct))!.Value;
        await Docker.WaitForLogAsync(Upstream, "listening on", TimeSpan.FromSeconds(30), ct);
        Image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        await PushAsync(Image, $"127.0.0.1:{UpstreamPort}/app:1", ct);

        Dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {images["kind-node"]}\n");
        Definition = Load();
        await Lifecycle.CreateAsync(Definition, Options, ct);
    }

    /// <summary>Reads ksail.yaml (a local registry on <see cref="Port"/>) with the mirror of <see cref="MirrorHost"/> at the upstream.</summary>
    public ClusterDefinition Load()
    {
        var path = Dir.Write("ksail.yaml", $"""
            apiVersion: ksail.io/v1alpha1
            kind: Cluster
            metadata:
              name: {Name}
            spec:
              cluster:
                distribution: Vanilla
                distributionConfig: kind.yaml
                connection:
                  kubeconfig: {Kubeconfig}
                localRegistry:
                  registry: localhost:{Port}
            """);
        return ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = path,
            WorkingDirectory = Dir.Path,
            Environment = new Dictionary<string, string?> { [RegistryDeclarations.ImageVariable] = RegistryImage },
            MirrorRegistries = [$"{MirrorHost}=http://{Upstream}:5000"],
        });
    }

    /// <summary>Tags <paramref name="image"/> as <paramref name="reference"/>, pushes it from the host's Docker, and removes the tag.</summary>
    public static async Task PushAsync(string image, string reference, CancellationToken ct)
    {
        await ClusterChecks.RunAsync("docker", ct, "tag", image, reference);
        try
        {
            await ClusterChecks.RunAsync("docker", ct, "push", reference);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", reference);
        }
    }

    /// <summary>The repositories a registry lists (<c>GET /v2/_catalog</c>), asked inside its container (a mirror publishes no port).</summary>
    public async Task<IReadOnlyList<string>> CatalogAsync(string registry, CancellationToken ct) =>
        (JsonNode.Parse(await GetAsync(registry, "/v2/_catalog", ct))!["repositories"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToList();

    /// <summary>
    /// Waits until <paramref name="registry"/>'s catalog lists <paramref name="repository"/>: a mirror
    /// stores a layer it served in the background (the distribution registry's proxy), and lists a
    /// repository once its layers are stored.
    /// </summary>
    public async Task WaitForCatalogAsync(string registry, string repository, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        IReadOnlyList<string> listed = [];
        while (!limit.IsCancellationRequested)
        {
            listed = await CatalogAsync(registry, ct);
            if (listed.Contains(repository))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        Assert.Fail($"the catalog of {registry} does not list {repository}: {string.Join(", ", listed)}");
    }

    /// <summary>A registry API path read in the registry's container with its busybox wget (as KSail's health check reads /v2/).</summary>
    public async Task<string> GetAsync(string registry, string path, CancellationToken ct, string accept = "application/json")
    {
        var result = await Docker.ExecAsync(registry, ["wget", "-q", "-O-", "--header", $"Accept: {accept}", $"http://localhost:5000{path}"], ct: ct);
        Assert.True(result.ExitCode == 0, $"GET {path} in {registry} failed: {result.Error}");
        return result.Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (Docker is not null)
        {
            await Lifecycle.DeleteAsync(Name, Kubeconfig, deleteStorage: true, CancellationToken.None);
            await Docker.RemoveContainerAsync(Upstream, CancellationToken.None);
            await Docker.RemoveUnusedVolumeAsync(Upstream, CancellationToken.None);
            if (Image is not null)
            {
                await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", Image);
            }

            Docker.Dispose();
        }

        Dir.Dispose();
    }
}

