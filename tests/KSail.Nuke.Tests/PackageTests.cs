using System.IO.Compression;
using System.Xml.Linq;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Nuke.Tests;

/// <summary>
/// <c>dotnet pack</c> of KSail.Nuke (and the KSail.Core it depends on) into a local folder feed, the
/// package's metadata as NUKE add-ons have it, and a build project that uses it from that feed.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class PackageTests : IDisposable
{
    private readonly ScratchDirectory dir = new();
    private readonly LocalPackageFeed feed = new();

    private string Feed => feed.Folder;

    [Fact]
    public async Task Packs_with_NUKE_conventions_and_a_build_uses_it_from_a_feed()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var version = feed.Version;
        await feed.PackAsync("KSail.Nuke", "src/KSail.Nuke/KSail.Nuke.csproj", ct);
        await feed.PackAsync("KSail.Core", "src/KSail.Core/KSail.Core.csproj", ct);

        using var package = ZipFile.OpenRead(Path.Combine(Feed, $"KSail.Nuke.{version}.nupkg"));
        var nuspec = XDocument.Load(package.GetEntry("KSail.Nuke.nuspec")!.Open()).Root!;
        XNamespace ns = nuspec.Name.NamespaceName;
        var metadata = nuspec.Element(ns + "metadata")!;
        var tags = metadata.Element(ns + "tags")!.Value.Split(' ');
        var dependencies = metadata.Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value, StringComparer.Ordinal);
        var files = package.Entries.Select(e => e.FullName).ToList();

        Assert.Equal("KSail.Nuke", metadata.Element(ns + "id")!.Value);
        Assert.Contains("nuke", tags);
        Assert.Contains("nuke-build", tags);
        Assert.Contains("ksail", tags);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Contains("README.md", files);
        Assert.Contains("lib/net10.0/KSail.Nuke.dll", files);
        Assert.Contains("lib/net10.0/KSail.Nuke.xml", files);
        Assert.Equal(new Dictionary<string, string>(StringComparer.Ordinal) { ["KSail.Core"] = version, ["Serilog"] = "3.1.1" }, dependencies);
        Assert.True(File.Exists(Path.Combine(Feed, $"KSail.Core.{version}.nupkg")));

        // A NUKE-shaped build from the feed: configurator, settings and typed result. The declared
        // cluster does not exist, so KSailClusterInfo answers null without creating anything.
        var build = Path.Combine(dir.Path, "build");
        dir.Write("build/nuget.config", feed.NuGetConfig);
        dir.Write("build/Directory.Build.props", "<Project />");
        dir.Write("build/Directory.Packages.props", "<Project />");
        dir.Write("build/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KSail.Nuke" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        dir.Write("build/Build.cs", """
            using KSail.Nuke;
            using static KSail.Nuke.KSailTasks;

            var cluster = new KSailClusterSettings().SetConfigPath(Path.GetFullPath("ksail.yaml")).SetWorkers(0);
            var info = KSailClusterInfo(_ => cluster.SetName("nk-never-created"));
            Console.WriteLine($"info: {(info is null ? "none" : info.Name)}");
            """);
        dir.Write("build/ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: from-file\nspec:\n  cluster:\n    distribution: Vanilla\n");

        var run = await DotnetRun.RunAsync(build, ["run", "-tl:off", "-nologo"], TimeSpan.FromMinutes(10), ct);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("info: none", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        feed.Dispose();
        dir.Dispose();
    }
}
