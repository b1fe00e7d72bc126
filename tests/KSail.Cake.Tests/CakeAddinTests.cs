using KSail.Testing.TestBed;

namespace KSail.Cake.Tests;

/// <summary>
/// A real <c>dotnet cake</c> (cake.tool 7.0.0 from a tool manifest) on scripts that load the packed
/// KSail.Cake with <c>#addin nuget:...&amp;loaddependencies=true</c>, against one-server K3s clusters
/// from the test bed's node image.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class CakeAddinTests(AddinFeed feed)
{
    private const string Addin = "#addin nuget:?package=KSail.Cake&version=0.1.0&loaddependencies=true\n";

    [Fact]
    public async Task The_README_example_creates_the_cluster_lists_its_Ready_nodes_and_tears_it_down()
    {
        DockerAvailability.Require();
        using var project = await CakeProject.CreateAsync(feed, CakeProject.ExampleBuildCake);

        var run = await project.CakeAsync();

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"Cluster {project.ClusterName}: context k3d-{project.ClusterName} at https://127.0.0.1:", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Node k3d-{project.ClusterName}-server-0: Ready", run.Output, StringComparison.Ordinal);
        // The engine's progress went to Cake's log.
        Assert.Contains($"export kubeconfig: context k3d-{project.ClusterName} written to {project.KubeconfigPath}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"teardown: deleting cluster {project.ClusterName}", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await project.LeftoversAsync());
        Assert.DoesNotContain($"k3d-{project.ClusterName}", File.Exists(project.KubeconfigPath) ? await File.ReadAllTextAsync(project.KubeconfigPath, TestContext.Current.CancellationToken) : string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_fails_inside_KSailWithCluster_fails_the_build_and_the_cluster_is_still_torn_down()
    {
        DockerAvailability.Require();
        using var project = await CakeProject.CreateAsync(feed, Addin + """
            Task("Integration").Does(() => KSailWithCluster(new KSailClusterSettings(), cluster =>
            {
                Information("Running against {0} with {1}", cluster.Name, cluster.KubeconfigPath);
                throw new InvalidOperationException("2 integration tests failed");
            }));

            RunTarget("Integration");
            """);

        var run = await project.CakeAsync();

        Assert.True(run.ExitCode != 0, run.Output);
        Assert.Contains($"Running against {project.ClusterName} with {project.KubeconfigPath}", run.Output, StringComparison.Ordinal);
        Assert.Contains("An error occurred when executing task 'Integration'.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Error: 2 integration tests failed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"teardown: deleting cluster {project.ClusterName}", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    [Fact]
    public async Task A_wrong_ksail_yaml_fails_the_task_with_file_line_and_column_and_creates_nothing()
    {
        DockerAvailability.Require();
        using var project = await CakeProject.CreateAsync(feed, CakeProject.ExampleBuildCake);
        var ksailYaml = Path.Combine(project.Path, "ksail.yaml");
        var lines = (await File.ReadAllLinesAsync(ksailYaml, TestContext.Current.CancellationToken)).Select(l => l.Replace("distribution: K3s", "distribution: K3z", StringComparison.Ordinal)).ToArray();
        await File.WriteAllLinesAsync(ksailYaml, lines, TestContext.Current.CancellationToken);
        var line = Array.FindIndex(lines, l => l.Contains("K3z", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf("K3z", StringComparison.Ordinal) + 1;

        var run = await project.CakeAsync();

        Assert.True(run.ExitCode != 0, run.Output);
        Assert.Contains("An error occurred when executing task 'Nodes'.", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{ksailYaml}:{line}:{column}: error: spec.cluster.distribution is 'K3z'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("create network", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    [Fact]
    public async Task Settings_override_ksail_yaml_and_a_wrong_one_is_named_in_the_error()
    {
        DockerAvailability.Require();
        using var project = await CakeProject.CreateAsync(feed, Addin + """
            Task("Create").Does(() => KSailClusterCreate(new KSailClusterSettings().WithWorkers(1).WithDistribution("Kind")));
            RunTarget("Create");
            """);

        var run = await project.CakeAsync();

        Assert.True(run.ExitCode != 0, run.Output);
        Assert.Contains("argument KSailClusterSettings.Distribution: error: spec.cluster.distribution is 'Kind'", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    [Fact]
    public async Task Images_of_the_settings_are_imported_at_create_and_KSailImportImages_then_finds_them_on_every_node()
    {
        DockerAvailability.Require();
        // A locally built image: no registry has it; the create imports it, so the alias finds it there.
        var image = await ClusterChecks.BuildBusyboxImageAsync(TestContext.Current.CancellationToken);
        try
        {
            using var project = await CakeProject.CreateAsync(feed, Addin + """
                Task("Images").Does(() => KSailWithCluster(new KSailClusterSettings().WithImages("IMAGE"), cluster =>
                {
                    foreach (var node in KSailImportImages(new KSailClusterSettings(), "IMAGE").Nodes)
                    {
                        Information("Node {0}: {1} {2}", node.Node, node.Image, node.Outcome);
                    }
                }));

                RunTarget("Images");
                """.Replace("IMAGE", image, StringComparison.Ordinal));

            var run = await project.CakeAsync();

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"import images: {image} into k3d-{project.ClusterName}-server-0", run.Output, StringComparison.Ordinal);
            Assert.Contains($"Node k3d-{project.ClusterName}-server-0: {image} AlreadyPresent", run.Output, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await project.LeftoversAsync());
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", image);
        }
    }
}
