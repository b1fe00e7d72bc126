using KSail.Core.Configuration;
using KSail.Core.Images;
using KSail.Core.Providers;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// Import images: the archive <c>spec.cluster.importImages</c> names, then the host images the run
/// asked for (<see cref="CreateOptions.Images"/>), into every node after the cluster exists and
/// before any component is installed (KSail's <c>cluster create</c> imports at the same point), so
/// the first Pods find them.
/// </summary>
internal sealed class ImportImagesPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "import images";

    /// <inheritdoc/>
    public Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(context.Cluster, context.Options, context.Provider, context.Progress, archive: true, ct);
    }

    /// <summary>
    /// Imports what <paramref name="cluster"/> and <paramref name="options"/> ask for into the running
    /// cluster: the declared archive when <paramref name="archive"/> (a new cluster), and the host images.
    /// </summary>
    public static async Task RunAsync(ClusterDefinition cluster, CreateOptions options, IProvider provider, IProgress<ProgressEvent>? progress, bool archive, CancellationToken ct)
    {
        var path = archive ? cluster.ImportImages : null;
        if (path is null && options.Images.Count == 0)
        {
            return;
        }

        var images = new ClusterImages(provider, progress);
        if (path is not null)
        {
            await images.ImportArchiveAsync(cluster.Name, path, cluster.ImportImagesAt ?? SourceLocation.StartOf(cluster.ConfigFile), ct).ConfigureAwait(false);
        }

        if (options.Images.Count > 0)
        {
            await images.ImportFromHostAsync(cluster.Name, options.Images, SourceLocation.FromArgument("images"), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses a create whose declared archive does not exist before anything is created.
    /// </summary>
    /// <exception cref="ConfigurationException">The archive <c>spec.cluster.importImages</c> names does not exist (exit code 3).</exception>
    public static void RequireArchive(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.ImportImages is { } path && !File.Exists(path))
        {
            throw new ConfigurationException(
                cluster.ImportImagesAt ?? SourceLocation.StartOf(cluster.ConfigFile),
                $"spec.cluster.importImages names {path}, which does not exist; write it with 'ksail workload export' or 'docker save -o {Path.GetFileName(path)} IMAGE...', or remove the field");
        }
    }
}
