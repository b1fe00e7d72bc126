using KSail.Testing.TestBed;

namespace KSail.Nuke.Tests;

/// <summary>
/// The done-when: examples/nuke, a console host that runs the tasks as NUKE targets, run as a
/// real process on a throw-away ksail.yaml (one-server K3s on the test bed's node image).
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ExampleHostTests
{
    [Fact]
    public async Task IntegrationTests_creates_the_cluster_lists_its_Ready_nodes_through_the_results_kubeconfig_and_tears_it_down()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync();

        var run = await ExampleHost.RunAsync(cluster.Folder, "IntegrationTests");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"[INF] create servers: k3d-{cluster.Name}-server-0", run.Output, StringComparison.Ordinal);
        Assert.Contains($"[INF] Ready nodes of {cluster.Name}: 1/1", run.Output, StringComparison.Ordinal);
        Assert.Contains($"ready-node: k3d-{cluster.Name}-server-0", run.Output, StringComparison.Ordinal);
        Assert.Contains($"[INF] teardown: deleting cluster {cluster.Name}", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
        Assert.False(cluster.KubeconfigHasContext(), File.ReadAllText(cluster.KubeconfigPath));
    }

    [Fact]
    public async Task Targets_in_separate_runs_share_the_cluster_through_ksail_yaml_alone()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync();
        var config = Path.GetRelativePath(Path.GetTempPath(), cluster.ConfigPath);

        var up = await ExampleHost.RunAsync(cluster.Folder, "Up");
        var nodes = await ExampleHost.RunAsync(Path.GetTempPath(), "Nodes", "--config", config);
        var info = await ExampleHost.RunAsync(cluster.Folder, "Info");
        var down = await ExampleHost.RunAsync(cluster.Folder, "Down");

        Assert.True(up.ExitCode == 0, up.Output);
        Assert.Contains($"Cluster {cluster.Name} is ready: context k3d-{cluster.Name}", up.Output, StringComparison.Ordinal);
        Assert.True(nodes.ExitCode == 0, nodes.Output);
        Assert.Contains($"ready-node: k3d-{cluster.Name}-server-0", nodes.Output, StringComparison.Ordinal);
        Assert.True(info.ExitCode == 0, info.Output);
        Assert.Contains($"Cluster {cluster.Name} (K3s): [\"k3d-{cluster.Name}-server-0\"]", info.Output, StringComparison.Ordinal);
        Assert.True(down.ExitCode == 0, down.Output);
        Assert.Contains($"Deleted [\"k3d-{cluster.Name}-server-0\"", down.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
        Assert.False(cluster.KubeconfigHasContext(), File.ReadAllText(cluster.KubeconfigPath));
    }

    [Fact]
    public async Task A_target_on_a_bad_ksail_yaml_fails_the_run_with_file_line_and_column()
    {
        DockerAvailability.Require();
        await using var cluster = await ThrowAwayCluster.CreateAsync("    cni: Flannel\n");
        var line = File.ReadAllLines(cluster.ConfigPath).ToList().FindIndex(l => l.Contains("cni: Flannel", StringComparison.Ordinal)) + 1;

        var run = await ExampleHost.RunAsync(cluster.Folder, "IntegrationTests");

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("[ERR] Target IntegrationTests failed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{cluster.ConfigPath}:{line}:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ready-node:", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await cluster.LeftoversAsync());
    }
}
