namespace KSail.Core.Providers;

/// <summary>
/// An OCI platform (<c>linux/amd64</c>, <c>linux/arm64/v8</c>): what an image is built for, or what
/// a node runs, as containerd's <c>--platform</c> flag and an image index's entries name it.
/// </summary>
/// <param name="Os">The operating system (<c>linux</c>).</param>
/// <param name="Architecture">The architecture in Go's words (<c>amd64</c>, <c>arm64</c>, <c>arm</c>).</param>
/// <param name="Variant">The CPU variant (<c>v7</c>, <c>v8</c>), or null.</param>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>The platform as containerd's <c>--platform</c> takes it: <c>os/architecture[/variant]</c>.</summary>
    public override string ToString() => Variant is { Length: > 0 } variant ? $"{Os}/{Architecture}/{variant}" : $"{Os}/{Architecture}";

    /// <summary>
    /// Whether an image for <paramref name="other"/> runs here: same OS and architecture, and the same
    /// variant when both name one (an arm64 image without a variant is arm64's only one, v8).
    /// </summary>
    public bool Runs(ImagePlatform other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Os, other.Os, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Architecture, other.Architecture, StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(Variant) || string.IsNullOrEmpty(other.Variant) || string.Equals(Variant, other.Variant, StringComparison.OrdinalIgnoreCase));
    }
}
