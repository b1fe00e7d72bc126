using k8s;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Images;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Readiness;
using KSail.Core.Tests.Configuration;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Images;

/// <summary>
/// Images into real clusters of both distributions (PARITY rows 24 and 64): locally built images
/// imported from the host's Docker as kind's <c>load docker-image</c> does, skipped where a node has
/// the same image ID (kind#380), archives exported and imported (KSail's <c>workload export</c> and
/// <c>import</c>), and <c>spec.cluster.importImages</c> imported at create. Nothing can be pulled
/// here, so a Pod of an image with <c>imagePullPolicy: IfNotPresent</c> runs only if the import put
/// the image into that node's containerd; each Pod is pinned to its node with <c>nodeName</c>.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class WorkloadImagesTests(ImportClusters clusters) : IClassFixture<ImportClusters>
{
    private static readonly TimeSpan PodTimeout = TimeSpan.FromMinutes(4);

    public static TheoryData<Distribution> Distributions => [Distribution.Vanilla, Distribution.K3s];

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task The_archive_importImages_names_is_imported_at_create_before_the_components_and_its_image_runs_on_every_node(Distribution distribution)
    {
        var ct = TestContext.Current.CancellationToken;

        // The create imported the archive after saving the state and before the stability check (and any component).
        var steps = clusters.CreateProgress[distribution].Events.Select(e => e.Step).ToList();
        Assert.Contains("import images", steps);
        Assert.True(steps.IndexOf("import images") < steps.IndexOf(ClusterStabilityCheck.ApiServerStep), string.Join(", ", steps));
        Assert.Contains(clusters.CreateProgress[distribution].Events, e => e.Step == "import images" && e.Message.StartsWith($"docker.io/{clusters.ArchivedImage} from ", StringComparison.Ordinal));

        // The host's Docker does not have the image any more, and no registry is reachable: only the import put it on the nodes.
        using var docker = await DockerProvider.ConnectAsync(ct: ct);
        Assert.Null(await docker.InspectImageAsync(clusters.ArchivedImage, ct));
        await RunOnEveryNodeAsync(distribution, clusters.ArchivedImage, ct);
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task An_image_built_on_the_host_runs_on_every_node_and_a_second_import_skips_every_node_until_it_is_rebuilt(Distribution distribution)
    {
        var ct = TestContext.Current.CancellationToken;
        var name = clusters.Name(distribution);
        var image = await clusters.BuildImageAsync(ct);

        // When: imported from the host's Docker
        var first = await ClusterOperations.ImportImagesAsync(name, [image], ct: ct);

        // Then: into each node, and a Pod of it runs on each (IfNotPresent, pinned by nodeName)
        Assert.Equal("docker", first.Source);
        Assert.Equal(clusters.Nodes(distribution), first.Nodes.Select(n => n.Node));
        Assert.All(first.Nodes, n => Assert.Equal((image, ImageImportOutcome.Imported), (n.Image, n.Outcome)));
        await RunOnEveryNodeAsync(distribution, image, ct);

        // A second import finds the same image ID on every node (kind#380): nothing is imported.
        var second = await ClusterOperations.ImportImagesAsync(name, [image, image], ct: ct);
        Assert.Equal(clusters.Nodes(distribution), second.Nodes.Select(n => n.Node));
        Assert.All(second.Nodes, n => Assert.Equal((image, ImageImportOutcome.AlreadyPresent), (n.Image, n.Outcome)));
        Assert.Equal(0, second.ImportedCount);

        // Rebuilt under the same name, it is another image ID: imported again everywhere.
        var before = (await ClusterChecks.RunAsync("docker", ct, "image", "inspect", "--format", "{{.Id}}", image)).Trim();
        var rebuilt = await clusters.BuildImageAsync(ct);
        await ClusterChecks.RunAsync("docker", ct, "tag", rebuilt, image);
        await ClusterChecks.RunAsync("docker", ct, "rmi", before);
        var third = await ClusterOperations.ImportImagesAsync(name, [image], ct: ct);
        Assert.All(third.Nodes, n => Assert.Equal(ImageImportOutcome.Imported, n.Outcome));
    }

    [Fact]
    public async Task An_archive_exported_from_one_cluster_imports_into_the_other_and_its_image_runs_there()
    {
        var ct = TestContext.Current.CancellationToken;
        var image = await clusters.BuildImageAsync(ct);
        var stored = $"docker.io/{image}";
        await ClusterOperations.ImportImagesAsync(clusters.Name(Distribution.Vanilla), [image], ct: ct);
        await ClusterChecks.RunAsync("docker", ct, "rmi", image);

        // When: exported from the Vanilla cluster's control plane (the host's Docker no longer has it) ...
        var archive = Path.Combine(clusters.Scratch.Path, $"export-{Guid.NewGuid():N}", "images.tar");
        var exported = await ClusterOperations.ExportImagesAsync(clusters.Name(Distribution.Vanilla), archive, [image], ct: ct);

        // ... for the node's platform, into an archive that names it
        Assert.Equal(($"{clusters.Name(Distribution.Vanilla)}-control-plane", archive), (exported.Node, exported.Archive));
        Assert.Equal([stored], exported.Images);
        Assert.Matches("^linux/[a-z0-9]+", exported.Platform);
        Assert.Contains(stored, await ImageArchive.NamesAsync(archive, ct));

        // ... and imported into the K3s cluster, where a Pod of it runs on every node.
        var imported = await ClusterOperations.ImportImageArchiveAsync(clusters.Name(Distribution.K3s), archive, ct: ct);
        Assert.Equal(archive, imported.Source);
        Assert.Equal(clusters.Nodes(Distribution.K3s), imported.Nodes.Select(n => n.Node));
        Assert.All(imported.Nodes, n => Assert.Equal((stored, ImageImportOutcome.Imported), (n.Image, n.Outcome)));
        await RunOnEveryNodeAsync(Distribution.K3s, image, ct);

        // Without --image, export writes every named image of the node, this one among them (KSail's default).
        var all = await ClusterOperations.ExportImagesAsync(clusters.Name(Distribution.K3s), Path.Combine(Path.GetDirectoryName(archive)!, "all.tar"), [], ct: ct);
        Assert.Contains(stored, all.Images);
        Assert.DoesNotContain(all.Images, i => i.StartsWith("sha256:", StringComparison.Ordinal));
        Assert.Contains(stored, await ImageArchive.NamesAsync(all.Archive, ct));
    }

    [Fact]
    public async Task A_multi_platform_archive_holding_one_platforms_content_imports_for_the_nodes_platform_where_all_platforms_fails()
    {
        // kind#3795: Docker's containerd image store saves a multi-platform image as an index of every
        // platform with the content of one. Made here from an export: the node's manifest wrapped in an
        // index that also names another platform's manifest the archive does not hold.
        var ct = TestContext.Current.CancellationToken;
        var image = await clusters.BuildImageAsync(ct);
        await ClusterOperations.ImportImagesAsync(clusters.Name(Distribution.Vanilla), [image], ct: ct);
        await ClusterChecks.RunAsync("docker", ct, "rmi", image);
        var folder = Path.Combine(clusters.Scratch.Path, $"multi-{Guid.NewGuid():N}");
        var single = await ClusterOperations.ExportImagesAsync(clusters.Name(Distribution.Vanilla), Path.Combine(folder, "single.tar"), [image], ct: ct);
        var multi = await MultiPlatformArchive.WriteAsync(single.Archive, single.Platform.Split('/')[1], Path.Combine(folder, "multi.tar"), ct);
        var server = $"k3d-{clusters.Name(Distribution.K3s)}-server-0";

        // k3d's (and kind's) --all-platforms import fails on it, as users of Docker Desktop see.
        var allPlatforms = await ClusterChecks.RunAsync("bash", ct, "-c", "docker exec -i \"$1\" ctr image import --all-platforms - <\"$2\" 2>&1; echo \"exit=$?\"", "import", server, multi);
        Assert.Contains("not found", allPlatforms, StringComparison.Ordinal);
        Assert.DoesNotContain("exit=0", allPlatforms, StringComparison.Ordinal);

        // Imported for the nodes' platform, it runs on every node.
        var imported = await ClusterOperations.ImportImageArchiveAsync(clusters.Name(Distribution.K3s), multi, ct: ct);
        Assert.All(imported.Nodes, n => Assert.Equal(ImageImportOutcome.Imported, n.Outcome));
        await RunOnEveryNodeAsync(Distribution.K3s, image, ct);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_what_to_do_and_its_exit_code_before_anything_is_imported()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = clusters.Name(Distribution.K3s);
        var missing = Path.Combine(clusters.Scratch.Path, "no-such.tar");

        // A missing archive: a configuration error (exit code 3) naming the file.
        var noArchive = await Assert.ThrowsAsync<ConfigurationException>(() => ClusterOperations.ImportImageArchiveAsync(name, missing, ct: ct));
        Assert.Equal(ExitCodes.InvalidConfiguration, noArchive.ExitCode);
        Assert.Contains($"the image archive {missing} does not exist", noArchive.Message, StringComparison.Ordinal);

        // An image the host's Docker does not have (kind: "not present locally"): exit code 3, named.
        var absent = $"ksail-test/absent:{Guid.NewGuid():N}";
        var noImage = await Assert.ThrowsAsync<ConfigurationException>(() => ClusterOperations.ImportImagesAsync(name, [absent], ct: ct));
        Assert.Equal(ExitCodes.InvalidConfiguration, noImage.ExitCode);
        Assert.Contains($"argument --image: error: the image {absent} is not present in the host's Docker", noImage.Diagnostics.Single().ToString(), StringComparison.Ordinal);

        // Exporting an image the cluster does not have: exit code 3, named, and no archive written.
        var archive = Path.Combine(clusters.Scratch.Path, $"none-{Guid.NewGuid():N}.tar");
        var notInCluster = await Assert.ThrowsAsync<ConfigurationException>(() => ClusterOperations.ExportImagesAsync(name, archive, [absent], ct: ct));
        Assert.Contains($"the image docker.io/{absent} is not in the node k3d-{name}-server-0", notInCluster.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(archive));

        // A cluster that does not exist (an image the host has): exit code 5, named.
        var hostImage = (await TestImages.GetAsync(ct))["k3s-node"];
        var noCluster = await Assert.ThrowsAsync<ProvisioningException>(() => ClusterOperations.ImportImagesAsync($"{name}-gone", [hostImage], ct: ct));
        Assert.Equal(ExitCodes.ProvisioningFailed, noCluster.ExitCode);
        Assert.Contains($"no cluster named '{name}-gone' exists", noCluster.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_whose_importImages_archive_is_missing_is_refused_at_its_line_before_anything_is_created()
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        var name = $"im-{Guid.NewGuid().ToString("N")[..6]}";
        clusters.Scratch.Write($"{name}/k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nimage: {images["k3s-node"]}\n");
        var config = clusters.Scratch.Write($"{name}/ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    importImages: images.tar\n");
        var declared = Declarations.Load(config);

        var refused = await Assert.ThrowsAsync<ConfigurationException>(() => ClusterOperations.CreateAsync(declared, new CreateOptions(), ct: ct));

        Assert.Equal(ExitCodes.InvalidConfiguration, refused.ExitCode);
        Assert.StartsWith($"{config}:9:19: error: spec.cluster.importImages names {Path.Combine(Path.GetDirectoryName(config)!, "images.tar")}, which does not exist", refused.Diagnostics.Single().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await ClusterOperations.ListAsync(ct), c => c.Name == name);
    }

    // Runs a Pod of the image on each node of the cluster (bound with nodeName, so a control plane's
    // taint does not keep it away), with imagePullPolicy IfNotPresent; each must succeed and say where it ran.
    private async Task RunOnEveryNodeAsync(Distribution distribution, string image, CancellationToken ct)
    {
        var context = distribution == Distribution.Vanilla ? $"kind-{clusters.Name(distribution)}" : $"k3d-{clusters.Name(distribution)}";
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(clusters.Kubeconfig(distribution), context));
        foreach (var node in clusters.Nodes(distribution))
        {
            var done = await ClusterChecks.RunHelloPodAsync(client, image, node, PodTimeout, ct, byNodeName: true);

            Assert.True(
                done.Status.Phase == "Succeeded",
                $"{done.Metadata.Name} on {node}: {done.Status.Phase} {done.Status.Reason} {done.Status.Message} {string.Join("; ", done.Status.ContainerStatuses?.Select(c => $"{c.State?.Terminated?.Reason} {c.State?.Terminated?.ExitCode} {c.State?.Terminated?.Message} {c.State?.Waiting?.Reason} {c.State?.Waiting?.Message}") ?? [])}");
            Assert.Equal($"hello from {node}", (await ClusterChecks.PodLogAsync(client, done, ct)).Trim());
        }
    }
}
