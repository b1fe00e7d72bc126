using System.Text.RegularExpressions;
using KSail.Core.Lifecycle;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cake.Tests;

/// <summary>
/// A folder as a user's repository has it for <c>dotnet cake</c>: a tool manifest with cake.tool
/// 7.0.0, a nuget.config that adds the local feed, a build.cake, and a ksail.yaml + k3d.yaml for a
/// one-server K3s cluster on the test bed's node image (through the real <c>image:</c> setting of
/// k3d.yaml) under a name of its own. The kubeconfig goes to a file in the folder (through
/// <c>KSAIL_SPEC_CONNECTION_KUBECONFIG</c>), never to the user's.
/// </summary>
public sealed partial class CakeProject : IDisposable
{
    private const string CakeVersion = "7.0.0";
    private readonly ScratchDirectory dir = new();

    private CakeProject(string clusterName) => ClusterName = clusterName;

    public string ClusterName { get; }

    public string Path => dir.Path;

    public string KubeconfigPath => System.IO.Path.Combine(Path, "kubeconfig");

    /// <summary>
    /// The folder with <paramref name="buildCake"/> (its <c>#addin</c> directives pointed at the feed's
    /// version) and the example's ksail.yaml and k3d.yaml (name and image set for the test).
    /// </summary>
    public static async Task<CakeProject> CreateAsync(AddinFeed feed, string buildCake)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var ct = TestContext.Current.CancellationToken;
        var image = (await TestImages.GetAsync(ct))["k3s-node"];
        var project = new CakeProject($"ck-{Guid.NewGuid().ToString("N")[..6]}");
        var d = project.dir;
        d.Write("nuget.config", feed.NuGetConfig);
        d.Write(".config/dotnet-tools.json", $$"""
            {
              "version": 1,
              "isRoot": true,
              "tools": {
                "cake.tool": { "version": "{{CakeVersion}}", "commands": [ "dotnet-cake" ], "rollForward": false }
              }
            }
            """);
        d.Write("build.cake", AddinVersion().Replace(buildCake, $"${{1}}{feed.Version}${{2}}"));
        var example = System.IO.Path.Combine(RepositoryPaths.Root, "examples", "cake");
        d.Write("ksail.yaml", File.ReadAllText(System.IO.Path.Combine(example, "ksail.yaml")).Replace("name: cake-demo", $"name: {project.ClusterName}", StringComparison.Ordinal));
        // The test bed's node image instead of the real K3s image (which cannot be pulled here), and
        // no load balancer (its image is the real k3d proxy's).
        d.Write("k3d.yaml", File.ReadAllText(System.IO.Path.Combine(example, "k3d.yaml")) + $"image: {image}\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        var restore = await DotnetRun.RunAsync(d.Path, ["tool", "restore"], TimeSpan.FromMinutes(5), ct);
        Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed:\n{restore.Output}");
        return project;
    }

    /// <summary>The build.cake of the README's example, as committed.</summary>
    public static string ExampleBuildCake => File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.Root, "examples", "cake", "build.cake"));

    /// <summary>Writes a file into the folder.</summary>
    public void Write(string relative, string content) => dir.Write(relative, content);

    /// <summary>Runs <c>dotnet cake</c> (plus <paramref name="arguments"/>) in the folder; the output without colours.</summary>
    public Task<DotnetResult> CakeAsync(params string[] arguments) => DotnetRun.RunAsync(
        Path,
        ["cake", .. arguments],
        TimeSpan.FromMinutes(10),
        TestContext.Current.CancellationToken,
        environment: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NO_COLOR"] = "1",
            ["KSAIL_SPEC_CONNECTION_KUBECONFIG"] = KubeconfigPath,
        });

    /// <summary>The cluster's Docker resources still there (containers, networks, volumes carrying its labels).</summary>
    public async Task<string> LeftoversAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var containers = await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=k3d.cluster={ClusterName}");
        var networks = await ClusterChecks.RunAsync("docker", ct, "network", "ls", "--format", "{{.Name}}", "--filter", $"name=k3d-{ClusterName}");
        var volumes = await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "--format", "{{.Name}}", "--filter", $"label=k3d.cluster={ClusterName}");
        return string.Join(' ', new[] { containers, networks, volumes }.Select(s => s.Trim()).Where(s => s.Length > 0));
    }

    public void Dispose()
    {
        // The safety net: whatever a failed test left behind.
        ClusterOperations.DeleteAsync(ClusterName, KubeconfigPath).GetAwaiter().GetResult();
        dir.Dispose();
    }

    // The version of KSail.Cake in an #addin directive: nuget:?package=KSail.Cake&version=X&...
    [GeneratedRegex(@"(#addin\s+nuget:\?package=KSail\.Cake&version=)[^&\s""]+(&|\s|$)", RegexOptions.Multiline)]
    private static partial Regex AddinVersion();
}
