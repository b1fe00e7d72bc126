using System.Diagnostics;
using System.Text.Json;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Build.Tasks.Tests;

/// <summary>How <c>dotnet test</c> runs the throw-away project.</summary>
public enum TestMode
{
    /// <summary>global.json selects Microsoft.Testing.Platform; the project uses xunit.v3.</summary>
    TestingPlatform,

    /// <summary>The SDK's default VSTest target; the project uses xunit.v3.mtp-off, Microsoft.NET.Test.Sdk and xunit.runner.visualstudio.</summary>
    VSTest,
}

/// <summary>
/// A fresh test solution in a temp folder, as a user would write it: one PackageReference to
/// KSail.Build.Tasks from the local feed, a ksail.yaml (K3s, the test bed's node image through the
/// real <c>image:</c> setting of k3d.yaml) beside it, and xUnit v3 tests that reach the cluster through
/// KUBECONFIG and report what they saw into <see cref="ReportOf"/> files.
/// </summary>
public sealed class ThrowAwayTestProject : IDisposable
{
    private readonly ScratchDirectory dir = new();

    private readonly bool withCluster;

    private ThrowAwayTestProject(string clusterName, bool withCluster = true)
    {
        ClusterName = clusterName;
        this.withCluster = withCluster;
    }

    /// <summary>The cluster's name (empty for a project made by <see cref="CreateWithoutCluster"/>).</summary>
    public string ClusterName { get; }

    public string Path => dir.Path;

    /// <summary>Creates the solution with projects <paramref name="projects"/>, each test running <paramref name="testTail"/> after its checks.</summary>
    public static async Task<ThrowAwayTestProject> CreateAsync(PackageFeed feed, TestMode mode, string testTail = "", string[]? projects = null, string ksailYamlTail = "", string projectProperties = "", string? testCode = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        var project = new ThrowAwayTestProject($"bt-{Guid.NewGuid().ToString("N")[..6]}");
        var d = project.dir;
        d.Write("nuget.config", feed.NuGetConfig);
        d.Write("global.json", mode == TestMode.TestingPlatform
            ? """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "test": { "runner": "Microsoft.Testing.Platform" } }"""
            : """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        d.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\nagents: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        d.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {project.ClusterName}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n{ksailYamlTail}");
        var references = mode == TestMode.TestingPlatform
            ? """<PackageReference Include="xunit.v3" Version="4.0.3" />"""
            : """
              <PackageReference Include="xunit.v3.mtp-off" Version="4.0.3" />
                  <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                  <PackageReference Include="xunit.runner.visualstudio" Version="4.0.1" />
              """;
        references += $"""

                <PackageReference Include="KubernetesClient" Version="21.0.8" />
                <PackageReference Include="KSail.Build.Tasks" Version="{feed.Version}" />
            """;
        projects ??= ["Inner.Tests"];
        foreach (var name in projects)
        {
            project.WriteProject(feed, name, references, projectProperties);
            d.Write($"{name}/ClusterTests.cs", testCode?.Replace("REPORT", $"{d.Path}/{name}.report", StringComparison.Ordinal) ?? $$"""
                using k8s;
                using Xunit;

                public class ClusterTests
                {
                    [Fact]
                    public async Task Reaches_the_cluster_through_KUBECONFIG()
                    {
                        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
                        Assert.False(string.IsNullOrEmpty(kubeconfig), "KUBECONFIG is not set");
                        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
                        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: TestContext.Current.CancellationToken);
                        var ready = nodes.Items.Count(n => n.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True"));
                        File.WriteAllLines(@"{{d.Path}}/{{name}}.report", [
                            $"ready={ready}",
                            $"nodes={nodes.Items.Count}",
                            $"cluster={Environment.GetEnvironmentVariable("KSAIL_CLUSTER_NAME")}",
                            $"context={Environment.GetEnvironmentVariable("KSAIL_CONTEXT")}",
                            $"endpoint={Environment.GetEnvironmentVariable("KSAIL_API_ENDPOINT")}",
                            $"kubeconfig={kubeconfig}",
                        ]);
                        Assert.True(ready > 0, "no Ready node");
                        {{testTail}}
                    }
                }
                """);
        }

        if (projects.Length > 1)
        {
            d.Write("All.slnx", $"<Solution>\n{string.Concat(projects.Select(p => $"  <Project Path=\"{p}/{p}.csproj\" />\n"))}</Solution>\n");
        }

        return project;
    }

    /// <summary>
    /// A project Inner.Tests with no cluster: no ksail.yaml and not KSail.Build.Tasks, only its xUnit
    /// companion from the feed beside <paramref name="references"/> (the test framework and
    /// KubernetesClient of the project's choice), and <paramref name="testCode"/>. No Docker needed.
    /// </summary>
    public static ThrowAwayTestProject CreateWithoutCluster(PackageFeed feed, string references, string testCode)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var project = new ThrowAwayTestProject(string.Empty, withCluster: false);
        project.dir.Write("nuget.config", feed.NuGetConfig);
        project.dir.Write("global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        project.WriteProject(feed, "Inner.Tests", references, projectProperties: string.Empty);
        project.dir.Write("Inner.Tests/Tests.cs", testCode);
        return project;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the solution folder.</summary>
    public Task<DotnetResult> DotnetAsync(params string[] arguments) =>
        DotnetRun.RunAsync(Path, arguments, TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

    /// <summary>The packages restore chose for a project (id and version, from its obj/project.assets.json).</summary>
    public IReadOnlyDictionary<string, string> ResolvedPackages(string project = "Inner.Tests")
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Path, project, "obj", "project.assets.json")));
        return assets.RootElement.GetProperty("targets").GetProperty("net10.0").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name.Split('/', 2))
            .ToDictionary(idAndVersion => idAndVersion[0], idAndVersion => idAndVersion[1], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>What a project's test saw (name=value), or null when it did not run.</summary>
    public IReadOnlyDictionary<string, string>? ReportOf(string project = "Inner.Tests")
    {
        var file = System.IO.Path.Combine(Path, $"{project}.report");
        return File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : null;
    }

    /// <summary>Runs <c>dotnet test</c> (plus <paramref name="arguments"/>) in the solution folder.</summary>
    public Task<DotnetResult> TestAsync(params string[] arguments) => TestAsync(null, arguments);

    public Task<DotnetResult> TestAsync(Action<Process>? started, params string[] arguments) =>
        DotnetRun.RunAsync(Path, ["test", .. TestArguments(arguments)], TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken, started);

    /// <summary>Runs <c>dotnet test</c> (plus <paramref name="arguments"/>) with <paramref name="environment"/> added to the clean environment.</summary>
    public Task<DotnetResult> TestWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        DotnetRun.RunAsync(Path, ["test", .. TestArguments(arguments)], TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken, environment: environment);

    /// <summary>Writes a file of the solution, e.g. a project beside the tests (<paramref name="relativePath"/> from the solution folder).</summary>
    public string Write(string relativePath, string content) => dir.Write(relativePath, content);

    /// <summary>Runs <c>ksail test -- ...</c> (the CLI built beside the tests) with the arguments <see cref="TestAsync(string[])"/> gives <c>dotnet test</c>.</summary>
    public Task<DotnetResult> KsailTestAsync(params string[] arguments) =>
        DotnetRun.RunAsync(Path, [System.IO.Path.Combine(AppContext.BaseDirectory, "ksail.dll"), "test", "--", .. TestArguments(arguments)], TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

    private string[] TestArguments(string[] arguments)
    {
        var solution = File.Exists(System.IO.Path.Combine(Path, "All.slnx"));
        var target = solution ? "All.slnx" : "Inner.Tests/Inner.Tests.csproj";
        var testingPlatform = File.ReadAllText(System.IO.Path.Combine(Path, "global.json")).Contains("Microsoft.Testing.Platform", StringComparison.Ordinal);
        return testingPlatform
            ? [solution ? "--solution" : "--project", target, .. arguments]
            : [target, "-tl:off", .. arguments];
    }

    /// <summary>A test project <paramref name="name"/> (an app, as xUnit v3 wants) with <paramref name="references"/> and KSail.Build.Tasks.Xunit from the feed.</summary>
    private void WriteProject(PackageFeed feed, string name, string references, string projectProperties) =>
        dir.Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {projectProperties}
              </PropertyGroup>
              <ItemGroup>
                {references}
                <PackageReference Include="KSail.Build.Tasks.Xunit" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);

    /// <summary>The cluster's Docker resources still there (containers, networks, volumes carrying its labels).</summary>
    public async Task<string> LeftoversAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var containers = await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=k3d.cluster={ClusterName}");
        var networks = await ClusterChecks.RunAsync("docker", ct, "network", "ls", "--format", "{{.Name}}", "--filter", $"name=k3d-{ClusterName}");
        var volumes = await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "--format", "{{.Name}}", "--filter", $"label=k3d.cluster={ClusterName}");
        return string.Join(' ', new[] { containers, networks, volumes }.Select(s => s.Trim()).Where(s => s.Length > 0));
    }

    /// <summary>Waits until nothing of the cluster is left (a reaper may still be at work), returning what is left at the end.</summary>
    public async Task<string> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        string left;
        while ((left = await LeftoversAsync()).Length > 0 && watch.Elapsed < timeout)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        return left;
    }

    public void Dispose()
    {
        if (!withCluster)
        {
            dir.Dispose();
            return;
        }

        // The safety net: whatever a failed test left behind.
        var ksail = System.IO.Path.Combine(AppContext.BaseDirectory, "ksail.dll");
        using (var delete = Process.Start(DotnetRun.StartInfo(Path, [ksail, "cluster", "delete", "--name", ClusterName]))!)
        {
            delete.WaitForExit(TimeSpan.FromMinutes(2));
        }

        var session = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "sessions", ClusterName);
        if (Directory.Exists(session))
        {
            Directory.Delete(session, recursive: true);
        }

        dir.Dispose();
    }
}
