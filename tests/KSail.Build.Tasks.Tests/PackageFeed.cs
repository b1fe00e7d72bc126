using KSail.Testing;

[assembly: AssemblyFixture(typeof(KSail.Build.Tasks.Tests.PackageFeed))]

namespace KSail.Build.Tasks.Tests;

/// <summary>
/// KSail.Build.Tasks packed once for the run into a local folder feed, under a version of its own
/// (NuGet caches a version forever, so a fixed one would test an old build).
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    private readonly LocalPackageFeed feed = new();

    public string Folder => feed.Folder;

    public string Version => feed.Version;

    /// <summary>A nuget.config that adds the feed (see <see cref="LocalPackageFeed.NuGetConfig"/>).</summary>
    public string NuGetConfig => feed.NuGetConfig;

    public async ValueTask InitializeAsync()
    {
        await feed.PackAsync("KSail.Build.Tasks", "src/KSail.Build.Tasks/KSail.Build.Tasks.csproj", TestContext.Current.CancellationToken);
        await feed.PackAsync("KSail.Build.Tasks.Xunit", "src/KSail.Build.Tasks/Xunit/KSail.Build.Tasks.Xunit.csproj", TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        feed.Dispose();
        return ValueTask.CompletedTask;
    }
}
