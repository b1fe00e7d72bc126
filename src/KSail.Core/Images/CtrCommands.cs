using KSail.Core.Distributions;
using KSail.Core.Providers;

namespace KSail.Core.Images;

/// <summary>
/// The <c>ctr</c> command lines image import and export run in a node, on the distribution's
/// <see cref="INodeImages.Ctr"/>. Every one that reads or writes image content names the node's
/// platform (kind#3795): an archive of a multi-platform image from Docker's containerd image store
/// lists every platform but holds the content of one, so <c>--all-platforms</c> (kind, k3d) fails
/// with "content digest ... not found"; only the node's platform is imported or exported (as KSail does).
/// </summary>
internal static class CtrCommands
{
    /// <summary>
    /// Imports an archive read from standard input for <paramref name="platform"/> only, with kind's
    /// digest references, unpacked into <paramref name="snapshotter"/> when the distribution names one
    /// (kind <c>LoadImageArchive</c>).
    /// </summary>
    public static IReadOnlyList<string> Import(INodeImages node, ImagePlatform platform, string? snapshotter)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(platform);
        return [.. node.Ctr, "images", "import", "--platform", platform.ToString(), "--digests", .. snapshotter is null ? Array.Empty<string>() : [$"--snapshotter={snapshotter}"], "-"];
    }

    /// <summary>Exports <paramref name="images"/> for <paramref name="platform"/> only, as one archive on standard output.</summary>
    public static IReadOnlyList<string> Export(INodeImages node, ImagePlatform platform, IReadOnlyList<string> images)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(images);
        return [.. node.Ctr, "images", "export", "--platform", platform.ToString(), "-", .. images];
    }

    /// <summary>Lists the images (<c>REF TYPE DIGEST SIZE PLATFORMS LABELS</c>).</summary>
    public static IReadOnlyList<string> List(INodeImages node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return [.. node.Ctr, "images", "ls"];
    }

    /// <summary>Prints one blob of the content store (a manifest, an index).</summary>
    public static IReadOnlyList<string> Content(INodeImages node, string digest)
    {
        ArgumentNullException.ThrowIfNull(node);
        return [.. node.Ctr, "content", "get", digest];
    }
}
