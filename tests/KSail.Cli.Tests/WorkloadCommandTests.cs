using System.Text.Json;
using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// README's "Your images in the cluster" commands on one real cluster (a K3s server on the test bed's
/// stand-in node): <c>spec.cluster.importImages</c> at <c>cluster create</c>, <c>workload import
/// --image</c> (again: skipped), <c>workload export</c> and <c>workload import</c> of the archive, in
/// text and JSON. The import itself is tested on both distributions with workers in KSail.Core.Tests
/// (WorkloadImagesTests); this is the command line over it.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class WorkloadCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"w-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly List<string> images = [];

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var node = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nimage: {node}\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Ksail.RunAsync(dir.Path, "cluster", "delete");
        foreach (var image in images)
        {
            // Some tests remove theirs already (an image only the cluster has).
            await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker rmi -f \"$1\" >/dev/null 2>&1 || true", "rmi", image);
        }

        dir.Dispose();
    }

    [Fact]
    public async Task Create_imports_the_declared_archive_then_import_export_and_import_again_work_as_the_README_shows()
    {
        var ct = TestContext.Current.CancellationToken;
        var preloaded = await BuildAsync(ct);
        await ClusterChecks.RunAsync("docker", ct, "save", "-o", Path.Combine(dir.Path, "preload.tar"), preloaded);
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    importImages: preload.tar\n    connection:\n      kubeconfig: ./kubeconfig\n");
        var node = $"k3d-{name}-server-0";

        // cluster create imports spec.cluster.importImages before the components
        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);
        Assert.Contains($"• import images: docker.io/{preloaded} from {Path.Combine(dir.Path, "preload.tar")} into {node}", create.Error, StringComparison.Ordinal);

        // ksail workload import --image myapp:dev
        var app = await BuildAsync(ct);
        var import = await Ksail.RunAsync(dir.Path, "workload", "import", "--image", app);
        Assert.True(import.ExitCode == ExitCodes.Success, import.Error);
        Assert.Contains($"{node}: imported {app}", import.Output, StringComparison.Ordinal);
        Assert.Contains($"Imported {app} into the node of cluster '{name}'.", import.Output, StringComparison.Ordinal);

        // Again, as JSON: the node has it with the same image ID, so it is skipped.
        var again = await Ksail.RunProcessAsync(dir.Path, "workload", "import", "--image", app, "--output", "json");
        Assert.True(again.ExitCode == ExitCodes.Success, again.Error);
        using (var document = JsonDocument.Parse(again.Output))
        {
            var root = document.RootElement;
            Assert.Equal((name, "docker"), (root.GetProperty("cluster").GetString(), root.GetProperty("source").GetString()));
            var entry = Assert.Single(root.GetProperty("nodes").EnumerateArray());
            Assert.Equal((node, app, "AlreadyPresent"), (entry.GetProperty("node").GetString(), entry.GetProperty("image").GetString(), entry.GetProperty("outcome").GetString()));
        }

        // ksail workload export images.tar --image myapp:dev, then ksail workload import images.tar
        var export = await Ksail.RunAsync(dir.Path, "workload", "export", "images.tar", "--image", app);
        Assert.True(export.ExitCode == ExitCodes.Success, export.Error);
        Assert.Contains($"Exported 1 image (linux/", export.Output, StringComparison.Ordinal);
        Assert.Contains($"from {node} to {Path.Combine(dir.Path, "images.tar")}: docker.io/{app}", export.Output, StringComparison.Ordinal);
        var back = await Ksail.RunAsync(dir.Path, "workload", "import", "images.tar");
        Assert.True(back.ExitCode == ExitCodes.Success, back.Error);
        Assert.Contains($"{node}: imported docker.io/{app}", back.Output, StringComparison.Ordinal);

        // Every image of the cluster (no --image, the default archive name): the preloaded one and the app.
        var all = await Ksail.RunProcessAsync(dir.Path, "workload", "export", "--output", "json");
        Assert.True(all.ExitCode == ExitCodes.Success, all.Error);
        using (var document = JsonDocument.Parse(all.Output))
        {
            Assert.Equal(Path.Combine(dir.Path, "images.tar"), document.RootElement.GetProperty("archive").GetString());
            var exported = document.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetString()).ToList();
            Assert.Contains($"docker.io/{app}", exported);
            Assert.Contains($"docker.io/{preloaded}", exported);
        }
    }

    private async Task<string> BuildAsync(CancellationToken ct)
    {
        var image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        images.Add(image);
        return image;
    }
}
