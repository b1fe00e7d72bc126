using KSail.Core.Configuration.Model;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Images;

/// <summary>
/// The clusters <see cref="WorkloadImagesTests"/> shares: a Vanilla cluster (1 control plane, 2
/// workers) and a K3s cluster (1 server, 2 agents) on the test bed's node images, created through the
/// lifecycle as <c>cluster create</c> creates them, both with <c>spec.cluster.importImages</c> naming an
/// archive that holds an image the host's Docker no longer has (so a Pod of it can only run if create
/// imported it: nothing can be pulled here).
/// </summary>
public sealed class ImportClusters : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly ScratchDirectory dir = new();
    private readonly string id = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> hostImages = [];
    private DockerProvider? docker;

    /// <summary>The image only the archive of <c>spec.cluster.importImages</c> holds.</summary>
    public string ArchivedImage { get; private set; } = string.Empty;

    /// <summary>The progress of each cluster's create, by distribution.</summary>
    public Dictionary<Distribution, ProgressRecorder<ProgressEvent>> CreateProgress { get; } = [];

    /// <summary>The name of the cluster of <paramref name="distribution"/>.</summary>
    public string Name(Distribution distribution) => distribution == Distribution.Vanilla ? $"iv-{id}" : $"ik-{id}";

    /// <summary>The kubeconfig file the cluster of <paramref name="distribution"/> was written to.</summary>
    public string Kubeconfig(Distribution distribution) => Path.Combine(dir.Path, distribution.ToString(), "kubeconfig");

    /// <summary>The node names of the cluster of <paramref name="distribution"/>, as kind and k3d name them.</summary>
    public IReadOnlyList<string> Nodes(Distribution distribution) => distribution == Distribution.Vanilla
        ? [$"{Name(distribution)}-control-plane", $"{Name(distribution)}-worker", $"{Name(distribution)}-worker2"]
        : [$"k3d-{Name(distribution)}-agent-0", $"k3d-{Name(distribution)}-agent-1", $"k3d-{Name(distribution)}-server-0"];

    /// <summary>A scratch directory of the class (archives go here).</summary>
    public ScratchDirectory Scratch => dir;

    /// <summary>A one-layer busybox image built in the host's Docker for a test, removed when the class is done.</summary>
    public async Task<string> BuildImageAsync(CancellationToken ct)
    {
        var image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        lock (hostImages)
        {
            hostImages.Add(image);
        }

        return image;
    }

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = limit.Token;
        var images = await TestImages.GetAsync(ct);
        docker = await DockerProvider.ConnectAsync(ct: ct);

        // The archive ksail.yaml names: docker save of an image that is then removed from the host.
        ArchivedImage = await ClusterChecks.BuildBusyboxImageAsync(ct);
        await ClusterChecks.RunAsync("docker", ct, "save", "-o", Path.Combine(dir.Path, "preload.tar"), ArchivedImage);
        await ClusterChecks.RunAsync("docker", ct, "rmi", ArchivedImage);

        dir.Write("Vanilla/kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {images["kind-node"]}\n  - role: worker\n    image: {images["kind-node"]}\n  - role: worker\n    image: {images["kind-node"]}\n");
        dir.Write("K3s/k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nagents: 2\nimage: {images["k3s-node"]}\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        var environment = new Dictionary<string, string?>
        {
            [KindCluster.LoadBalancerImageVariable] = images["kind-load-balancer"],
            [K3dSimpleConfig.LoadBalancerImageVariable] = images["k3d-proxy"],
        };
        var creates = new[] { Distribution.Vanilla, Distribution.K3s }.Select(async distribution =>
        {
            var native = distribution == Distribution.Vanilla ? "kind.yaml" : "k3d.yaml";
            // importImages relative to ksail.yaml's directory, as every path of ksail.yaml is.
            var declared = Declarations.Load(
                dir.Write($"{distribution}/ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {Name(distribution)}\nspec:\n  cluster:\n    distribution: {distribution}\n    distributionConfig: {native}\n    importImages: ../preload.tar\n    connection:\n      kubeconfig: kubeconfig\n"),
                environment);
            var progress = new ProgressRecorder<ProgressEvent>();
            lock (CreateProgress)
            {
                CreateProgress[distribution] = progress;
            }

            await Lifecycle(progress).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
        });
        await Task.WhenAll(creates);
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            foreach (var distribution in new[] { Distribution.Vanilla, Distribution.K3s })
            {
                await Lifecycle(null).DeleteAsync(Name(distribution), ct: CancellationToken.None);
            }

            docker.Dispose();
        }

        foreach (var image in hostImages)
        {
            // Some tests remove theirs already (an image only the cluster has).
            await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker rmi -f \"$1\" >/dev/null 2>&1 || true", "rmi", image);
        }

        dir.Dispose();
    }

    private ClusterLifecycle Lifecycle(IProgress<ProgressEvent>? progress) =>
        new(docker!, progress, new ClusterStateStore(Path.Combine(dir.Path, "state")));
}
