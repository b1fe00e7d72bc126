using System.Formats.Tar;
using System.Text.Json;

namespace KSail.Core.Images;

/// <summary>The image names an archive holds (for reports; as containerd stores them, <c>docker.io/library/app:dev</c>), as <c>docker save</c> (its <c>manifest.json</c>) or an OCI layout (its <c>index.json</c>) names them.</summary>
internal static class ImageArchive
{
    private static readonly string[] RefAnnotations = ["io.containerd.image.name", "org.opencontainers.image.ref.name"];

    /// <summary>The names in the archive at <paramref name="path"/>; empty when it names none (or is no archive).</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(string path, CancellationToken ct)
    {
        // docker save writes both files since Docker 25; its manifest.json names images as they were asked for.
        var docker = new List<string>();
        var oci = new List<string>();
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new TarReader(stream);
                while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
                {
                    var name = entry.Name.TrimStart('.', '/');
                    if (entry.DataStream is { } data && name is "manifest.json" or "index.json")
                    {
                        using var document = await JsonDocument.ParseAsync(data, cancellationToken: ct).ConfigureAwait(false);
                        (name == "manifest.json" ? docker : oci).AddRange(name == "manifest.json" ? DockerNames(document.RootElement) : OciNames(document.RootElement));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException)
        {
            // Not an archive this reads; ctr says what it makes of it.
        }

        return [.. (docker.Count > 0 ? docker : oci).Where(n => n.Length > 0).Select(ImageReference.Normalize).Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> DockerNames(JsonElement manifest) =>
        manifest.ValueKind != JsonValueKind.Array
            ? []
            : manifest.EnumerateArray()
                .Where(image => image.ValueKind == JsonValueKind.Object && image.TryGetProperty("RepoTags", out var tags) && tags.ValueKind == JsonValueKind.Array)
                .SelectMany(image => image.GetProperty("RepoTags").EnumerateArray().Select(tag => tag.GetString()).OfType<string>());

    private static IEnumerable<string> OciNames(JsonElement index) =>
        !index.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array
            ? []
            : manifests.EnumerateArray()
                .Where(m => m.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
                .Select(m => RefAnnotations.Select(key => m.GetProperty("annotations").TryGetProperty(key, out var value) ? value.GetString() : null).FirstOrDefault(v => v is not null))
                .OfType<string>();
}
