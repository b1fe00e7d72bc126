using System.Diagnostics;
using KSail.Testing.TestBed;

namespace KSail.Build.Tasks.Tests;

/// <summary>
/// The real <c>dotnet test</c> of throw-away projects that reference the packed KSail.Build.Tasks,
/// in both modes of the .NET 10 SDK, against real clusters from the test bed's node image.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class DotnetTestTests(PackageFeed feed)
{
    private static readonly TimeSpan ReaperDelay = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(TestMode.TestingPlatform)]
    [InlineData(TestMode.VSTest)]
    public async Task Tests_reach_the_cluster_through_KUBECONFIG_and_nothing_is_left_afterwards(TestMode mode)
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, mode);

        var run = await project.TestAsync();

        Assert.True(run.ExitCode == 0, run.Output);
        var report = project.ReportOf();
        Assert.NotNull(report);
        Assert.Equal("2", report["ready"]);
        Assert.Equal(project.ClusterName, report["cluster"]);
        Assert.Equal($"k3d-{project.ClusterName}", report["context"]);
        Assert.StartsWith("https://127.0.0.1:", report["endpoint"], StringComparison.Ordinal);
        Assert.False(File.Exists(report["kubeconfig"]) && !OperatingSystem.IsWindows() && File.GetUnixFileMode(report["kubeconfig"]) != (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the kubeconfig is not mode 0600");
        if (mode == TestMode.VSTest)
        {
            // The build's end tears down before dotnet test returns.
            Assert.Equal(string.Empty, await project.LeftoversAsync());
            Assert.Contains($"KSail.NET: cluster {project.ClusterName}", run.Output, StringComparison.Ordinal);
        }
        else
        {
            // The SDK runs no target after Testing Platform test apps: the run's reaper tears down as dotnet test exits.
            Assert.Equal(string.Empty, await project.WaitUntilGoneAsync(ReaperDelay));
        }
    }

    [Theory]
    [InlineData(TestMode.TestingPlatform)]
    [InlineData(TestMode.VSTest)]
    public async Task Under_ksail_test_the_package_stands_aside_and_the_tests_use_the_cluster_ksail_provides(TestMode mode)
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, mode);

        var run = await project.KsailTestAsync();

        // One cluster: had the package created it too, it would have been refused as existing.
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("2", project.ReportOf()?["ready"]);
        Assert.Equal(project.ClusterName, project.ReportOf()?["cluster"]);
        Assert.DoesNotContain("KSail.NET: cluster", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("exists already", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    [Theory]
    [InlineData(TestMode.TestingPlatform)]
    [InlineData(TestMode.VSTest)]
    public async Task A_failing_test_still_tears_down(TestMode mode)
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, mode, testTail: "Assert.Fail(\"fails on purpose\");");

        var run = await project.TestAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("fails on purpose", run.Output, StringComparison.Ordinal);
        Assert.Equal("2", project.ReportOf()?["ready"]);
        Assert.Equal(string.Empty, await project.WaitUntilGoneAsync(ReaperDelay));
    }

    [Fact]
    public async Task Teardown_OnSuccess_keeps_the_cluster_of_a_failed_run_for_debugging()
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, TestMode.VSTest, testTail: "Assert.Fail(\"fails on purpose\");", projectProperties: "<KSailTeardown>OnSuccess</KSailTeardown>");

        var run = await project.TestAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("2", project.ReportOf()?["ready"]);
        // Still there after the build ended, and after its reaper had time to act: kept, not torn down.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Contains($"k3d-{project.ClusterName}-server-0", await project.LeftoversAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_ksail_yaml_is_an_MSBuild_error_with_its_file_and_line()
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, TestMode.VSTest, ksailYamlTail: "    workers: many\n");

        var run = await project.TestAsync();

        Assert.NotEqual(0, run.ExitCode);
        var ksailYaml = Path.Combine(project.Path, "ksail.yaml");
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(ksailYaml)}\(9,\d+\): error KSAIL0003: ", run.Output);
        Assert.Null(project.ReportOf());
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    [Fact]
    public async Task Reuse_keeps_the_cluster_and_the_second_run_reuses_it()
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, TestMode.VSTest, projectProperties: "<KSailReuse>true</KSailReuse>");

        var first = await project.TestAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        var endpoint = project.ReportOf()!["endpoint"];
        Assert.NotEqual(string.Empty, await project.LeftoversAsync());

        var second = await project.TestAsync("-v:n");
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("reuse existing cluster", second.Output, StringComparison.Ordinal);
        Assert.Equal(endpoint, project.ReportOf()!["endpoint"]);
        TestContext.Current.SendDiagnosticMessage($"reuse: first dotnet test {first.Elapsed.TotalSeconds:F1} s, second {second.Elapsed.TotalSeconds:F1} s");
        Assert.True(second.Elapsed < first.Elapsed, $"the second run ({second.Elapsed}) was not faster than the first ({first.Elapsed})");
    }

    [Theory]
    [InlineData(TestMode.TestingPlatform)]
    [InlineData(TestMode.VSTest)]
    public async Task Two_test_projects_of_one_solution_share_one_cluster(TestMode mode)
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, mode, projects: ["First.Tests", "Second.Tests"]);

        var run = await project.TestAsync();

        Assert.True(run.ExitCode == 0, run.Output);
        var first = project.ReportOf("First.Tests");
        var second = project.ReportOf("Second.Tests");
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(first["endpoint"], second["endpoint"]);
        Assert.Equal(string.Empty, await project.WaitUntilGoneAsync(ReaperDelay));
    }

    [Fact]
    public async Task A_KSailImage_item_is_imported_before_the_tests_and_a_Pod_of_it_runs_without_a_pull()
    {
        DockerAvailability.Require();
        // A locally built image: no registry has it, so only the import can put it on the node.
        var image = await ClusterChecks.BuildBusyboxImageAsync(TestContext.Current.CancellationToken);
        try
        {
            using var project = await ThrowAwayTestProject.CreateAsync(
                feed,
                TestMode.VSTest,
                projectProperties: $"</PropertyGroup>\n  <ItemGroup>\n    <KSailImage Include=\"{image}\" />\n  </ItemGroup>\n  <PropertyGroup>",
                testCode: ImportedImagePodTest.Replace("IMAGE", image, StringComparison.Ordinal));

            var run = await project.TestAsync("-v:n");

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"import images: {image} into k3d-{project.ClusterName}-agent-0, k3d-{project.ClusterName}-server-0", run.Output, StringComparison.Ordinal);
            Assert.Equal("Succeeded", project.ReportOf()?["pod"]);
            Assert.Equal(string.Empty, await project.LeftoversAsync());
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", image);
        }
    }

    // The inner test of the KSailImage test: a Pod of the image on the server (nodeName), IfNotPresent, run to its end.
    private const string ImportedImagePodTest = """
        using k8s;
        using k8s.Models;
        using Xunit;

        public class ClusterTests
        {
            [Fact]
            public async Task The_imported_image_runs()
            {
                var ct = TestContext.Current.CancellationToken;
                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG")));
                var node = $"k3d-{Environment.GetEnvironmentVariable("KSAIL_CLUSTER_NAME")}-server-0";
                // A container runc could not start on a loaded test-bed node (StartError) is run again, up to twice.
                var phase = string.Empty;
                for (var run = 0; run < 3 && phase != "Succeeded"; run++)
                {
                    var name = $"imported-{run}";
                    var pod = new V1Pod
                    {
                        Metadata = new V1ObjectMeta { Name = name },
                        Spec = new V1PodSpec
                        {
                            NodeName = node,
                            RestartPolicy = "Never",
                            AutomountServiceAccountToken = false,
                            Containers = [new V1Container { Name = "app", Image = "IMAGE", ImagePullPolicy = "IfNotPresent", Command = ["/bin/busybox", "true"] }],
                        },
                    };
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: ct);
                            break;
                        }
                        catch (k8s.Autorest.HttpOperationException) when (attempt < 30)
                        {
                            await Task.Delay(1000, ct); // the default ServiceAccount comes a moment after the API
                        }
                    }

                    V1Pod? read = null;
                    for (var i = 0; i < 180 && read?.Status?.Phase is not ("Succeeded" or "Failed"); i++)
                    {
                        await Task.Delay(1000, ct);
                        read = await client.CoreV1.ReadNamespacedPodAsync(name, "default", cancellationToken: ct);
                    }

                    phase = read?.Status?.Phase ?? string.Empty;
                    if (phase == "Failed" && read!.Status.ContainerStatuses?.Any(c => c.State?.Terminated?.Reason == "StartError") != true)
                    {
                        break;
                    }
                }

                File.WriteAllLines(@"REPORT", [$"pod={phase}"]);
                Assert.Equal("Succeeded", phase);
            }
        }
        """;

    [Fact]
    public async Task Ctrl_C_during_the_tests_still_tears_down()
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(
            feed,
            TestMode.TestingPlatform,
            testTail: "while (!File.Exists(@\"" + "RELEASE" + "\")) { await Task.Delay(200, TestContext.Current.CancellationToken); }");
        // The inner test waits for a file that never comes; the report tells us it runs against the cluster.
        var release = Path.Combine(project.Path, "never");
        File.WriteAllText(Path.Combine(project.Path, "Inner.Tests", "ClusterTests.cs"), File.ReadAllText(Path.Combine(project.Path, "Inner.Tests", "ClusterTests.cs")).Replace("RELEASE", release, StringComparison.Ordinal));
        Process? dotnetTest = null;
        var running = project.TestAsync(p => dotnetTest = p);
        var watch = Stopwatch.StartNew();
        while (project.ReportOf() is null && watch.Elapsed < TimeSpan.FromMinutes(5) && !running.IsCompleted)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.NotNull(project.ReportOf());
        Assert.NotEqual(string.Empty, await project.LeftoversAsync());

        // What Ctrl+C in a terminal does: SIGINT to the foreground process group (dotnet test and its test app).
        using (var kill = Process.Start("kill", ["-INT", "--", $"-{dotnetTest!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var run = await running;
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(string.Empty, await project.WaitUntilGoneAsync(ReaperDelay));
    }

    [Fact]
    public async Task The_xUnit_fixtures_give_a_ready_client_and_a_namespace_per_test_class()
    {
        DockerAvailability.Require();
        using var project = await ThrowAwayTestProject.CreateAsync(feed, TestMode.TestingPlatform, testCode: """
            using k8s;
            using k8s.Models;
            using KSail.Xunit;
            using Xunit;

            [assembly: AssemblyFixture(typeof(KSailCluster))]

            public class NamespacedTests(KSailCluster cluster, KSailNamespace ns) : IClassFixture<KSailNamespace>
            {
                [Fact]
                public async Task Writes_into_its_own_namespace()
                {
                    await ns.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "probe" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns.Name);
                    var read = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("probe", ns.Name);
                    var labels = (await cluster.Client.CoreV1.ReadNamespaceAsync(ns.Name)).Metadata.Labels;
                    File.WriteAllLines(@"REPORT", [$"namespace={ns.Name}", $"value={read.Data["k"]}", $"label={labels[KSailNamespace.Label]}", $"cluster={cluster.ClusterName}", $"kubeconfig={cluster.KubeconfigPath}", $"endpoint={cluster.Endpoint}"]);
                }
            }
            """);

        var run = await project.TestAsync();

        Assert.True(run.ExitCode == 0, run.Output);
        var report = project.ReportOf();
        Assert.NotNull(report);
        Assert.StartsWith("namespacedtests-", report["namespace"], StringComparison.Ordinal);
        Assert.Equal("v", report["value"]);
        Assert.Equal("true", report["label"]);
        Assert.Equal(project.ClusterName, report["cluster"]);
        Assert.StartsWith("https://127.0.0.1:", report["endpoint"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, await project.WaitUntilGoneAsync(ReaperDelay));
    }
}
