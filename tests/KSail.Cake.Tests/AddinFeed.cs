using KSail.Testing;

[assembly: AssemblyFixture(typeof(KSail.Cake.Tests.AddinFeed))]

namespace KSail.Cake.Tests;

/// <summary>
/// KSail.Cake and the engine it depends on (KSail.Core), packed once for the run into a local
/// folder feed under a version of their own, as a user's <c>#addin nuget:</c> directive finds them.
/// </summary>
public sealed class AddinFeed : IAsyncLifetime
{
    private readonly LocalPackageFeed feed = new();

    public string Folder => feed.Folder;

    public string Version => feed.Version;

    /// <summary>A nuget.config that adds the feed (see <see cref="LocalPackageFeed.NuGetConfig"/>).</summary>
    public string NuGetConfig => feed.NuGetConfig;

    public async ValueTask InitializeAsync()
    {
        await feed.PackAsync("KSail.Core", "src/KSail.Core/KSail.Core.csproj", TestContext.Current.CancellationToken);
        await feed.PackAsync("KSail.Cake", "src/KSail.Cake/KSail.Cake.csproj", TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        feed.Dispose();
        return ValueTask.CompletedTask;
    }
}
