using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using KSail.Testing;

namespace KSail.Build.Tasks.Tests;

/// <summary>
/// Every package the repository packs, opened: each carries the licence and the third-party
/// notices, and the notices name every package whose assemblies the packages redistribute.
/// </summary>
public sealed class PackagesTests(PackageFeed feed)
{
    [Fact]
    public void Every_packable_project_of_the_repository_is_in_the_feed()
    {
        // The project files under src/ that make a package (KSail.Cli also makes its RID-specific tool packages).
        var expected = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(XDocument.Load)
            .Where(p => Property(p, "IsPackable") != "false")
            .SelectMany(p => (Property(p, "ToolPackageRuntimeIdentifiers")?.Split(';') ?? []).Select(rid => $"{Property(p, "PackageId")}.{rid}").Append(Property(p, "PackageId")!))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("KSail.Cli.linux-x64", expected);
        Assert.Equal(expected, PackageIds());
    }

    [Fact]
    public async Task Every_package_carries_the_licence_and_the_third_party_notices()
    {
        var ct = TestContext.Current.CancellationToken;
        var licence = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "LICENSE"), ct);
        var notices = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "THIRD-PARTY-NOTICES.txt"), ct);
        Assert.Contains("Apache License", licence, StringComparison.Ordinal);

        foreach (var id in PackageIds())
        {
            using var package = await ZipFile.OpenReadAsync(Path.Combine(feed.Folder, $"{id}.{feed.Version}.nupkg"), ct);
            Assert.True(licence == await ReadAsync(package, "LICENSE", ct), $"{id} does not carry the repository's LICENSE at its root");
            Assert.True(notices == await ReadAsync(package, "THIRD-PARTY-NOTICES.txt", ct), $"{id} does not carry THIRD-PARTY-NOTICES.txt at its root");
        }
    }

    [Theory]
    [InlineData("KSail.Build.Tasks", "tools/ksail/ksail.deps.json")]
    [InlineData("KSail.Build.Tasks", "tools/ksail-linux-x64/ksail.deps.json")]
    [InlineData("KSail.Cli.any", "tools/net10.0/any/ksail.deps.json")]
    [InlineData("KSail.Cli.linux-x64", "tools/net10.0/linux-x64/ksail.deps.json")]
    public async Task The_notices_name_every_package_the_engine_redistributes_at_its_version(string packageId, string depsJson)
    {
        var ct = TestContext.Current.CancellationToken;
        using var package = await ZipFile.OpenReadAsync(Path.Combine(feed.Folder, $"{packageId}.{feed.Version}.nupkg"), ct);
        using var deps = JsonDocument.Parse(await ReadAsync(package, depsJson, ct) ?? throw new InvalidOperationException($"{packageId} has no {depsJson}"));
        var redistributed = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => l.Name.Replace('/', ' '))
            .ToList();
        var notices = await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root, "THIRD-PARTY-NOTICES.txt"), ct);

        Assert.Contains(redistributed, p => p.StartsWith("YamlDotNet ", StringComparison.Ordinal));
        foreach (var entry in redistributed)
        {
            // "<name> <version>" on a line of its own, then its licence: build/third-party-notices.sh writes it.
            var at = Array.IndexOf(notices, entry);
            Assert.True(at >= 0, $"THIRD-PARTY-NOTICES.txt does not name {entry}, which {packageId} redistributes: run build/third-party-notices.sh");
            Assert.StartsWith("License: ", notices[at + 1], StringComparison.Ordinal);
        }
    }

    private List<string> PackageIds() =>
        Directory.EnumerateFiles(feed.Folder, $"*.{feed.Version}.nupkg")
            .Select(f => Path.GetFileName(f)[..^$".{feed.Version}.nupkg".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).LastOrDefault()?.Value.Trim();

    private static async Task<string?> ReadAsync(ZipArchive package, string path, CancellationToken ct)
    {
        if (package.GetEntry(path) is not { } entry)
        {
            return null;
        }

        using var reader = new StreamReader(await entry.OpenAsync(ct));
        return await reader.ReadToEndAsync(ct);
    }
}
