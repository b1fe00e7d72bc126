using KSail.Core.Configuration;
using KSail.Core.Images;
using KSail.Core.Providers;

namespace KSail.Core.Lifecycle;

/// <content>Images into and out of a running cluster (<c>workload import</c>, <c>workload export</c>).</content>
public static partial class ClusterOperations
{
    /// <summary>The archive <c>workload import</c> reads and <c>workload export</c> writes when none is named (KSail's).</summary>
    public const string DefaultImageArchive = "images.tar";

    /// <summary>Imports the image archive <paramref name="archive"/> into every node of the running cluster <paramref name="cluster"/>.</summary>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="archive">The archive (full path).</param>
    /// <param name="from">Where the archive was named, for the error when it does not exist (default: the argument).</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="ct">Cancels the import.</param>
    /// <exception cref="ConfigurationException">The archive does not exist (exit code 3).</exception>
    /// <exception cref="ProvisioningException">No such running cluster, or a node's import failed (exit code 5).</exception>
    public static async Task<ImageImportReport> ImportImageArchiveAsync(string cluster, string archive, SourceLocation? from = null, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new ClusterImages(docker, progress).ImportArchiveAsync(cluster, archive, from ?? SourceLocation.FromArgument("archive"), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports images from the host's Docker into every node of the running cluster <paramref name="cluster"/>
    /// that does not have them with the same image ID (kind's <c>load docker-image</c>).
    /// </summary>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="images">The images, as the host's Docker names them.</param>
    /// <param name="from">Where the images were named, for the error when the host lacks one (default: <c>--image</c>).</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="ct">Cancels the import.</param>
    /// <exception cref="ConfigurationException">The host lacks an image, or has it for another platform (exit code 3).</exception>
    /// <exception cref="ProvisioningException">No such running cluster, or a node's import failed (exit code 5).</exception>
    public static async Task<ImageImportReport> ImportImagesAsync(string cluster, IReadOnlyList<string> images, SourceLocation? from = null, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new ClusterImages(docker, progress).ImportFromHostAsync(cluster, images, from ?? SourceLocation.FromArgument("--image"), ct).ConfigureAwait(false);
    }

    /// <summary>Imports images from the host's Docker into the declared, running cluster (the build scripts' call).</summary>
    public static async Task<ImageImportReport> ImportImagesAsync(ClusterRequest request, IReadOnlyList<string> images, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ImportImagesAsync(request.Load().Name, images, SourceLocation.FromArgument("images"), progress, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Exports <paramref name="images"/> (every named image when empty, as KSail) from a control plane
    /// of the running cluster <paramref name="cluster"/> into the archive <paramref name="archive"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">A named image is not in the cluster (exit code 3).</exception>
    /// <exception cref="ProvisioningException">No such running cluster, or the export failed (exit code 5).</exception>
    public static async Task<ImageExportReport> ExportImagesAsync(string cluster, string archive, IReadOnlyList<string> images, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new ClusterImages(docker, progress).ExportAsync(cluster, archive, images, SourceLocation.FromArgument("--image"), ct).ConfigureAwait(false);
    }
}
