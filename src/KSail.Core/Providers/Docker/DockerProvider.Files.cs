using System.Formats.Tar;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker;

/// <content>Files copied out of and into containers (tar archives on the engine API).</content>
public sealed partial class DockerProvider
{
    /// <summary>Reads one file out of a container.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist in the container.</exception>
    public async Task<byte[]> ReadFileAsync(string node, string path, CancellationToken ct = default)
    {
        ContainerArchiveResponse archive;
        try
        {
            archive = await Client.Containers.GetArchiveFromContainerAsync(node, new ContainerPathStatParameters { Path = path }, false, ct).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException ex)
        {
            throw new FileNotFoundException($"{path} not found in container {node}", path, ex);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"{path} not found in container {node}", path, ex);
        }

        // The whole archive first: the engine's chunked stream ends where TarReader still expects padding.
        using var buffered = new MemoryStream();
        using (var stream = archive.Stream ?? throw new FileNotFoundException($"{path} in container {node} could not be read", path))
        {
            await stream.CopyToAsync(buffered, ct).ConfigureAwait(false);
        }

        buffered.Position = 0;
        using var reader = new TarReader(buffered);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                await data.CopyToAsync(buffer, ct).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }

        throw new FileNotFoundException($"{path} in container {node} is not a regular file", path);
    }

    /// <summary>Writes one file into a container (its directory must exist).</summary>
    public async Task WriteFileAsync(string container, string path, byte[] content, int mode = 420, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, Path.GetFileName(path))
            {
                DataStream = new MemoryStream(content),
                Mode = (UnixFileMode)mode,
            };
            await writer.WriteEntryAsync(entry, ct).ConfigureAwait(false);
        }

        tar.Position = 0;
        var directory = path[..path.LastIndexOf('/')];
        await Client.Containers.ExtractArchiveToContainerAsync(
            container,
            new CopyToContainerParameters { Path = directory.Length == 0 ? "/" : directory },
            tar,
            ct).ConfigureAwait(false);
    }
}
