using System.Diagnostics;
using KSail.Core.Configuration;
using KSail.Testing.TestBed;

namespace KSail.Nuke.Tests;

/// <summary>
/// The tasks called in-process, as a NUKE target's Executes calls them, against one-server K3s
/// clusters from the test bed's node image. Each test has a cluster of its own and removes it.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KSailTasksTests
{
    [Fact]
    public async Task Create_wait_info_kubeconfig_and_delete_return_typed_results()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync();
        var exported = Path.Combine(cluster.Folder, "exported", "kubeconfig");
        using var log = new LogCapture();
        // A locally built image, imported at create (SetImages): the import task then finds it on the node.
        var image = await ClusterChecks.BuildBusyboxImageAsync(TestContext.Current.CancellationToken);

        var handle = KSailTasks.KSailClusterCreate(_ => cluster.Settings.SetImages(image));
        var imported = KSailTasks.KSailImportImages(cluster.Settings, image);
        await ClusterChecks.RunAsync("docker", TestContext.Current.CancellationToken, "rmi", image);
        KSailTasks.KSailClusterWaitReady(cluster.Settings);
        var info = KSailTasks.KSailClusterInfo(cluster.Settings);
        var kubeconfig = KSailTasks.KSailKubeconfig(cluster.Settings.SetKubeconfigOutput(exported));
        var removed = KSailTasks.KSailClusterDelete(cluster.Settings);
        var afterDelete = KSailTasks.KSailClusterInfo(cluster.Settings);
        var removedAgain = KSailTasks.KSailClusterDelete(cluster.Settings);

        Assert.Equal(cluster.Name, handle.Name);
        Assert.Equal([(($"k3d-{cluster.Name}-server-0"), image, KSail.Core.Images.ImageImportOutcome.AlreadyPresent)], imported.Nodes.Select(n => (n.Node, n.Image, n.Outcome)));
        Assert.Equal(KSail.Core.Configuration.Model.Distribution.K3s, handle.Distribution);
        Assert.Equal($"k3d-{cluster.Name}", handle.ContextName);
        Assert.Equal(cluster.KubeconfigPath, handle.KubeconfigPath);
        Assert.Equal("127.0.0.1", handle.Server.Host);
        Assert.NotNull(info);
        Assert.Equal([$"k3d-{cluster.Name}-server-0"], info.Nodes.Select(n => n.Name));
        Assert.Equal(exported, kubeconfig.KubeconfigPath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(exported));
        }

        Assert.Contains(handle.Server.ToString().TrimEnd('/'), await File.ReadAllTextAsync(exported, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains($"k3d-{cluster.Name}-server-0", removed);
        Assert.Null(afterDelete);
        Assert.Empty(removedAgain);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
        Assert.False(cluster.KubeconfigHasContext(), File.ReadAllText(cluster.KubeconfigPath));

        // The engine's progress and the tasks' results went to Serilog's Log, which a NUKE build prints.
        var lines = log.Lines;
        Assert.Contains($"Information create servers: k3d-{cluster.Name}-server-0", lines);
        Assert.Contains(lines, l => l.StartsWith("Information stability check: the cluster is stable", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Information Cluster {cluster.Name} is ready: context k3d-{cluster.Name} in {cluster.KubeconfigPath}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Information Kubeconfig of {cluster.Name} written to {exported}", StringComparison.Ordinal));
        Assert.Contains("Information No cluster to delete", lines);
        Assert.Contains($"Information import images: {image} into k3d-{cluster.Name}-server-0", lines);
    }

    [Fact]
    public async Task A_failing_action_in_KSailWithCluster_is_rethrown_after_the_cluster_is_torn_down()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync();
        using var log = new LogCapture();
        var failure = new InvalidOperationException("the tests failed");
        string? seen = null;

        var thrown = Assert.Throws<InvalidOperationException>(() => KSailTasks.KSailWithCluster(cluster.Settings, handle =>
        {
            seen = KSailTasks.KSailClusterInfo(cluster.Settings)?.Nodes.Single().Name;
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal($"k3d-{cluster.Name}-server-0", seen);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
        Assert.False(cluster.KubeconfigHasContext(), File.ReadAllText(cluster.KubeconfigPath));
        Assert.Contains($"Information teardown: deleting cluster {cluster.Name}", log.Lines);
    }

    [Fact]
    public async Task KSailWithClusterAsync_returns_the_actions_result_and_tears_down()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync();

        var context = await KSailTasks.KSailWithClusterAsync(_ => cluster.Settings, (handle, _) => Task.FromResult(handle.ContextName), TestContext.Current.CancellationToken);

        Assert.Equal($"k3d-{cluster.Name}", context);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
    }

    [Fact]
    public async Task A_bad_ksail_yaml_throws_with_its_file_line_and_column_and_creates_nothing()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync("    workers: many\n");
        var line = File.ReadAllLines(cluster.ConfigPath).ToList().FindIndex(l => l.Contains("workers: many", StringComparison.Ordinal)) + 1;
        var watch = Stopwatch.StartNew();

        var create = Assert.Throws<ConfigurationException>(() => KSailTasks.KSailClusterCreate(cluster.Settings));
        var withCluster = Assert.Throws<ConfigurationException>(() => KSailTasks.KSailWithCluster(cluster.Settings, _ => Assert.Fail("the action ran")));

        Assert.Contains($"{cluster.ConfigPath}:{line}:", create.Message, StringComparison.Ordinal);
        Assert.Contains($"{cluster.ConfigPath}:{line}:", withCluster.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
        Assert.False(File.Exists(cluster.KubeconfigPath));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
