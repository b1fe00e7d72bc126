using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KSail.Core.Tests.Images;

/// <summary>
/// An image archive as Docker's containerd image store saves a multi-platform image of which it has
/// one platform (kind#3795): <c>index.json</c> names an image index listing the platform whose
/// content the archive holds and another platform's manifest it does not hold. Made from a one-platform OCI
/// archive (<c>ctr images export</c>'s) by wrapping its manifest.
/// </summary>
internal static class MultiPlatformArchive
{
    /// <summary>
    /// Writes the multi-platform form of <paramref name="singlePlatform"/>, whose content is for
    /// <paramref name="architecture"/> (linux), to <paramref name="destination"/>; returns its path.
    /// </summary>
    public static async Task<string> WriteAsync(string singlePlatform, string architecture, string destination, CancellationToken ct)
    {
        var absent = architecture == "arm64" ? "amd64" : "arm64";
        var entries = new List<(string Name, byte[] Data)>();
        var source = File.OpenRead(singlePlatform);
        await using (source.ConfigureAwait(false))
        {
            using var reader = new TarReader(source);
            while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    using var buffer = new MemoryStream();
                    await data.CopyToAsync(buffer, ct);
                    entries.Add((entry.Name, buffer.ToArray()));
                }
            }
        }

        var rootIndex = JsonNode.Parse(entries.Single(e => e.Name.TrimStart('.', '/') == "index.json").Data)!;
        var manifest = rootIndex["manifests"]![0]!;
        var platformIndex = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = new JsonArray(
                new JsonObject
                {
                    ["mediaType"] = manifest["mediaType"]!.DeepClone(),
                    ["digest"] = manifest["digest"]!.DeepClone(),
                    ["size"] = manifest["size"]!.DeepClone(),
                    ["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" },
                },
                new JsonObject
                {
                    ["mediaType"] = manifest["mediaType"]!.DeepClone(),
                    ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"an {absent} manifest this archive does not hold"))),
                    ["size"] = 1234,
                    ["platform"] = new JsonObject { ["architecture"] = absent, ["os"] = "linux" },
                }),
        };
        var indexBlob = Encoding.UTF8.GetBytes(platformIndex.ToJsonString());
        var indexDigest = Convert.ToHexStringLower(SHA256.HashData(indexBlob));
        var newRoot = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.index.v1+json",
                ["digest"] = "sha256:" + indexDigest,
                ["size"] = indexBlob.Length,
                ["annotations"] = manifest["annotations"]!.DeepClone(),
            }),
        };

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var target = File.Create(destination);
        await using (target.ConfigureAwait(false))
        {
            using var writer = new TarWriter(target, TarEntryFormat.Pax);
            foreach (var (name, data) in entries.Where(e => e.Name.TrimStart('.', '/') is not ("index.json" or "manifest.json")))
            {
                await WriteAsync(writer, name, data, ct);
            }

            await WriteAsync(writer, $"blobs/sha256/{indexDigest}", indexBlob, ct);
            await WriteAsync(writer, "index.json", Encoding.UTF8.GetBytes(newRoot.ToJsonString()), ct);
        }

        return destination;
    }

    private static async Task WriteAsync(TarWriter writer, string name, byte[] data, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data), Mode = (UnixFileMode)0b110_100_100 };
        await writer.WriteEntryAsync(entry, ct);
    }
}
