using System.Globalization;

namespace KSail.Testing;

/// <summary>
/// Projects of this repository packed into a local folder feed under a version of their own for
/// the run (NuGet caches a version forever, so a fixed one would test an old build); disposing it
/// removes the feed and those versions from the NuGet package cache.
/// </summary>
public sealed class LocalPackageFeed : IDisposable
{
    private readonly ScratchDirectory dir = new();
    private readonly List<string> packed = [];

    /// <summary>The feed folder (for a nuget.config's packageSources).</summary>
    public string Folder => Path.Combine(dir.Path, "feed");

    /// <summary>A nuget.config whose only extra package source is this feed, for a throw-away project beside it.</summary>
    public string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="ksail-local" value="{Folder}" />
          </packageSources>
        </configuration>
        """;

    /// <summary>The version every package of the feed carries.</summary>
    public string Version { get; } = $"0.1.0-test.{TimeProvider.System.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    /// <summary>Packs the project at <paramref name="projectPath"/> (relative to the repository root) as <paramref name="packageId"/>.</summary>
    public async Task PackAsync(string packageId, string projectPath, CancellationToken ct)
    {
        var path = Path.Combine(RepositoryPaths.Root, projectPath);
        var result = await DotnetRun.RunAsync(dir.Path, ["pack", path, "-c", "Release", "-o", Folder, $"-p:Version={Version}", "-tl:off", "-nologo"], TimeSpan.FromMinutes(10), ct).ConfigureAwait(false);
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(Folder, $"{packageId}.{Version}.nupkg")))
        {
            throw new InvalidOperationException($"dotnet pack of {packageId} failed ({result.ExitCode}):\n{result.Output}");
        }

        packed.Add(packageId);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        dir.Dispose();
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in packed)
        {
            var cached = Path.Combine(packages, package.ToLowerInvariant(), Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }
}
