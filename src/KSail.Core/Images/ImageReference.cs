namespace KSail.Core.Images;

/// <summary>Image names as a node's containerd stores them.</summary>
internal static class ImageReference
{
    /// <summary>
    /// The full name containerd stores <paramref name="image"/> under, as kind's <c>sanitizeImage</c>
    /// writes it (kind <c>pkg/cmd/kind/load/docker-image/docker-image.go</c>): <c>myapp:dev</c> is
    /// <c>docker.io/library/myapp:dev</c>, <c>org/app</c> is <c>docker.io/org/app:latest</c>, and a
    /// name whose first part is a host (a dot or a port in it, or <c>localhost</c>) keeps it.
    /// </summary>
    public static string Normalize(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var name = image.Contains('/', StringComparison.Ordinal) ? image : "library/" + image;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = name[..slash];
        if (first.IndexOfAny(['.', ':']) < 0 && first != "localhost")
        {
            name = "docker.io/" + name;
        }

        return HasTag(name) || name.Contains('@', StringComparison.Ordinal) ? name : name + ":latest";
    }

    // A tag follows the last ':' after the last '/' (a ':' before it belongs to a registry's port).
    private static bool HasTag(string name) => name.LastIndexOf(':') > name.LastIndexOf('/');
}
