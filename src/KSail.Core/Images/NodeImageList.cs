using System.Text.Json;
using KSail.Core.Providers;

namespace KSail.Core.Images;

/// <summary>
/// What a node's containerd says about its images: <c>ctr images ls</c>'s names and target digests,
/// and the config digest (the image ID kind compares, kind#380) of a manifest or of an index's
/// entry for the node's platform.
/// </summary>
internal static class NodeImageList
{
    /// <summary>The images <c>ctr images ls</c> printed, by name, with their target digests.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.ReplaceLineEndings("\n").Split('\n'))
        {
            var columns = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length >= 3 && columns[0] != "REF" && columns[2].StartsWith("sha256:", StringComparison.Ordinal))
            {
                images[columns[0]] = columns[2];
            }
        }

        return images;
    }

    /// <summary>
    /// What a content blob points at next on the way to the image's config: an index's (or manifest
    /// list's) entry for <paramref name="platform"/> is a <see cref="NextBlob.Manifest"/>, a manifest's
    /// config is a <see cref="NextBlob.Config"/>; null when neither is there.
    /// </summary>
    public static (NextBlob Kind, string Digest)? Next(string blob, ImagePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        using var document = JsonDocument.Parse(blob);
        var root = document.RootElement;
        if (root.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var configDigest))
        {
            return (NextBlob.Config, configDigest.GetString()!);
        }

        if (root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in manifests.EnumerateArray())
            {
                if (entry.TryGetProperty("platform", out var p)
                    && p.TryGetProperty("os", out var os)
                    && p.TryGetProperty("architecture", out var architecture)
                    && platform.Runs(new ImagePlatform(os.GetString() ?? string.Empty, architecture.GetString() ?? string.Empty, p.TryGetProperty("variant", out var variant) ? variant.GetString() : null))
                    && entry.TryGetProperty("digest", out var digest))
                {
                    return (NextBlob.Manifest, digest.GetString()!);
                }
            }
        }

        return null;
    }

    /// <summary>What <see cref="Next"/> found.</summary>
    public enum NextBlob
    {
        /// <summary>The manifest of the platform, in an index.</summary>
        Manifest,

        /// <summary>The image's config: its digest is the image ID.</summary>
        Config,
    }
}
