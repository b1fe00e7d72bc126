using Xunit;

namespace KSail.Testing;

/// <summary>
/// An assembly fixture: the given projects of this repository packed once for the run into a
/// <see cref="LocalPackageFeed"/> (in order: a package's dependencies first), removed after it.
/// </summary>
/// <param name="projects">Each package id with its project path relative to the repository root.</param>
public abstract class PackedProjectsFeed(params (string PackageId, string ProjectPath)[] projects) : IAsyncLifetime
{
    private readonly LocalPackageFeed feed = new();

    /// <summary>The feed folder.</summary>
    public string Folder => feed.Folder;

    /// <summary>The version every package of the feed carries.</summary>
    public string Version => feed.Version;

    /// <summary>A nuget.config that adds the feed (see <see cref="LocalPackageFeed.NuGetConfig"/>).</summary>
    public string NuGetConfig => feed.NuGetConfig;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        foreach (var (packageId, projectPath) in projects)
        {
            await feed.PackAsync(packageId, projectPath, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        feed.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
