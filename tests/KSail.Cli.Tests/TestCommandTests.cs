using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// <c>ksail test -- &lt;dotnet test arguments&gt;</c> as a separate process on the test bed's K3s stand-in:
/// a throw-away xUnit project (no KSail package: only the environment ksail gives it) lists the
/// cluster's nodes through KUBECONFIG; ksail returns dotnet test's exit code and tears down by policy.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class TestCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"t-{Guid.NewGuid().ToString("N")[..6]}";

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n");
        dir.Write("global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        dir.Write("Inner.Tests/Inner.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3.mtp-off" Version="4.0.3" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                <PackageReference Include="xunit.runner.visualstudio" Version="4.0.1" />
                <PackageReference Include="KubernetesClient" Version="21.0.8" />
              </ItemGroup>
            </Project>
            """);
        dir.Write("Inner.Tests/ClusterTests.cs", $$"""
            using k8s;
            using Xunit;

            public class ClusterTests
            {
                [Fact]
                public async Task Lists_the_nodes_through_KUBECONFIG()
                {
                    var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
                    Assert.False(string.IsNullOrEmpty(kubeconfig), "KUBECONFIG is not set");
                    using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
                    var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: TestContext.Current.CancellationToken);
                    File.WriteAllLines(@"{{dir.Path}}/report", [
                        $"nodes={string.Join(",", nodes.Items.Select(n => n.Metadata.Name))}",
                        $"cluster={Environment.GetEnvironmentVariable("KSAIL_CLUSTER_NAME")}",
                        $"context={Environment.GetEnvironmentVariable("KSAIL_CONTEXT")}",
                        $"endpoint={Environment.GetEnvironmentVariable("KSAIL_API_ENDPOINT")}",
                        $"registry={Environment.GetEnvironmentVariable("KSAIL_LOCAL_REGISTRY")}",
                    ]);
                    Assert.NotEmpty(nodes.Items);
                }

                [Fact]
                public async Task Runs_until_interrupted()
                {
                    File.WriteAllText(@"{{dir.Path}}/started", "");
                    await Task.Delay(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
                }

                [Fact]
                public void Fails_on_purpose() => Assert.Fail("fails on purpose");
            }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await Ksail.RunAsync(dir.Path, "cluster", "delete", "--name", name);
        dir.Dispose();
    }

    [Fact]
    public async Task Test_runs_dotnet_test_against_the_cluster_returns_its_exit_code_and_tears_down()
    {
        var ct = TestContext.Current.CancellationToken;

        // Passing: the test saw the cluster through KUBECONFIG and the KSAIL_* variables; exit 0; nothing left
        var passed = await RunAsync("--", "Inner.Tests/Inner.Tests.csproj", "--filter", "FullyQualifiedName~Lists_the_nodes", "-tl:off");
        Assert.True(passed.ExitCode == ExitCodes.Success, passed.Output + passed.Error);
        var report = File.ReadAllLines(Path.Combine(dir.Path, "report")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal($"k3d-{name}-server-0", report["nodes"]);
        Assert.Equal(name, report["cluster"]);
        Assert.Equal($"k3d-{name}", report["context"]);
        Assert.StartsWith("https://127.0.0.1:", report["endpoint"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, report["registry"]); // no local registry declared: the variable is not set
        Assert.Contains("Passed!", passed.Output, StringComparison.Ordinal);
        Assert.Contains($"• teardown: deleting {name} (teardown: Always)", passed.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await LeftoversAsync(ct));

        // Failing: dotnet test's exit code (1), and the cluster is still torn down (Always)
        File.Delete(Path.Combine(dir.Path, "report"));
        var failed = await RunAsync("--", "Inner.Tests/Inner.Tests.csproj", "--no-build", "--filter", "FullyQualifiedName~Fails_on_purpose", "-tl:off");
        Assert.True(failed.ExitCode == 1, failed.Output + failed.Error);
        Assert.Contains("fails on purpose", failed.Output, StringComparison.Ordinal);
        Assert.Contains($"• teardown: deleting {name} (teardown: Always)", failed.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await LeftoversAsync(ct));

        // --teardown OnSuccess keeps the cluster of a failed run (for a look), and says so
        var kept = await RunAsync("--teardown", "OnSuccess", "--", "Inner.Tests/Inner.Tests.csproj", "--no-build", "--filter", "FullyQualifiedName~Fails_on_purpose", "-tl:off");
        Assert.True(kept.ExitCode == 1, kept.Output + kept.Error);
        Assert.Contains($"keeping {name} (teardown: OnSuccess, the run failed)", kept.Error, StringComparison.Ordinal);
        Assert.Contains($"k3d-{name}-server-0", await LeftoversAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_is_passed_on_to_dotnet_test_and_the_cluster_is_torn_down()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = await CleanProcess.RunKsailAsync(
            dir.Path,
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(8),
            async process =>
            {
                // Once the test runs, SIGINT to ksail alone (as 'kill -INT' would; a terminal sends it to the whole group)
                while (!File.Exists(Path.Combine(dir.Path, "started")) && !process.HasExited)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
                }

                using var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(ct);
            },
            "test", "--", "Inner.Tests/Inner.Tests.csproj", "--filter", "FullyQualifiedName~Runs_until_interrupted", "-tl:off");
        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.Output + run.Error);
        Assert.Contains($"• teardown: deleting {name} (teardown: Always)", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await LeftoversAsync(ct));

        // No test host of the run is left running (dotnet test may exit before its test host does)
        Assert.Empty(ProcessesWithTheClustersEnvironment());
    }

    // Processes whose environment names this test's cluster (what ksail test gave dotnet test and its test hosts).
    private List<string> ProcessesWithTheClustersEnvironment()
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains($"KSAIL_CLUSTER_NAME={name}"))
                {
                    found.Add(File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' '));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited while being read.
            }
        }

        return found;
    }

    [Fact]
    public async Task Test_with_an_invalid_declaration_returns_KSails_exit_code_and_runs_no_tests()
    {
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    workers: many\n");
        var run = await RunAsync("--", "Inner.Tests/Inner.Tests.csproj");
        Assert.Equal(ExitCodes.InvalidConfiguration, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "report")));
    }

    [Fact]
    public async Task With_a_local_registry_the_tests_get_it_as_KSAIL_LOCAL_REGISTRY()
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = $"localhost:{ClusterChecks.FreeLoopbackPort()}";
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    localRegistry:\n      registry: {registry}\n");
        try
        {
            // The registry image stand-in (registry:3 cannot be pulled here).
            var run = await CleanProcess.RunKsailAsync(dir.Path, new Dictionary<string, string> { ["KSAIL_REGISTRY_IMAGE"] = await TestImages.RegistryAsync(ct) }, TimeSpan.FromMinutes(8), ["test", "--", "Inner.Tests/Inner.Tests.csproj", "--filter", "FullyQualifiedName~Lists_the_nodes", "-tl:off"]);

            Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
            var report = File.ReadAllLines(Path.Combine(dir.Path, "report")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            Assert.Equal(registry, report["registry"]);
        }
        finally
        {
            // Cluster delete keeps the local registry's volume; this test's is removed.
            await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker volume rm -f \"$1\" >/dev/null", "rm", $"{name}-local-registry");
        }
    }

    private Task<KsailRun> RunAsync(params string[] args) =>
        CleanProcess.RunKsailAsync(dir.Path, new Dictionary<string, string>(), TimeSpan.FromMinutes(8), ["test", .. args]);

    private async Task<string> LeftoversAsync(CancellationToken ct) =>
        (await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=k3d.cluster={name}")).Trim();
}
