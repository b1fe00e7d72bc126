using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;

namespace KSail.Core.Workloads;

/// <summary>
/// The workload's manifests as one OCI artifact: a config blob, one gzipped tar layer of the
/// manifests and the image manifest naming both, packed as KSail packs them
/// (<c>pkg/client/oci/builder_impl.go</c>: the <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files under the
/// source directory, sorted, at their relative paths; an empty manifest file refused).
/// <para>
/// The media types are the ones both GitOps engines take without configuration. The layer is
/// <see cref="LayerMediaType"/>, the OCI image layer: Argo CD's repo server accepts only
/// <c>application/vnd.oci.image.layer.v1.tar+gzip</c> and Helm's chart layer unless
/// <c>ARGOCD_REPO_SERVER_OCI_LAYER_MEDIA_TYPES</c> says otherwise (argo-cd <c>docs/user-guide/oci.md</c>), so
/// Flux's own <c>application/vnd.cncf.flux.content.v1.tar+gzip</c> would be skipped there, while Flux's
/// source-controller extracts the first layer whatever its type when no <c>layerSelector</c> is set
/// (KSail's builder writes the same OCI layer type). The config is Flux's
/// <see cref="ConfigMediaType"/> with an empty JSON object, what <c>flux push artifact</c> writes: Argo CD
/// does not read the config, and the artifact is then not mistaken for a runnable image.
/// </para>
/// <para>
/// The layer is deterministic, so the same manifests give the same digests (and a push of unchanged
/// manifests tags the same revision): entries sorted by path, files only, mode 0644, owner 0:0 with
/// no names, modification time the Unix epoch, and a gzip header without time or OS.
/// </para>
/// </summary>
public sealed class WorkloadArtifact
{
    /// <summary>The manifest's media type (OCI image manifest).</summary>
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The config's media type (Flux's, as <c>flux push artifact</c> writes it).</summary>
    public const string ConfigMediaType = "application/vnd.cncf.flux.config.v1+json";

    /// <summary>The layer's media type (the OCI image layer, gzipped tar: accepted by Argo CD by default and by Flux).</summary>
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>The file extensions of manifests KSail packs.</summary>
    public static readonly IReadOnlyList<string> ManifestExtensions = [".yaml", ".yml", ".json"];

    private WorkloadArtifact(byte[] layer, IReadOnlyList<string> files)
    {
        Layer = layer;
        Files = files;
        Config = "{}"u8.ToArray();
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor(ConfigMediaType, Config),
            ["layers"] = new JsonArray(Descriptor(LayerMediaType, Layer)),
        };
        Manifest = Encoding.UTF8.GetBytes(manifest.ToJsonString());
    }

    /// <summary>The config blob.</summary>
    public byte[] Config { get; }

    /// <summary>The layer blob (the manifests as a gzipped tar).</summary>
    public byte[] Layer { get; }

    /// <summary>The image manifest (JSON).</summary>
    public byte[] Manifest { get; }

    /// <summary>The packed files, relative with '/', sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The manifest's digest, <c>sha256:&lt;hex&gt;</c>.</summary>
    public string Digest => DigestOf(Manifest);

    /// <summary>The <c>sha256:&lt;hex&gt;</c> digest of <paramref name="content"/>.</summary>
    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Packs the manifests under <paramref name="directory"/>.</summary>
    /// <param name="directory">The source directory (full path).</param>
    /// <param name="from">Where the directory was named, for the errors.</param>
    /// <exception cref="ConfigurationException">The directory does not exist, holds no manifest, or holds an empty one (exit code 3).</exception>
    public static WorkloadArtifact Pack(string directory, SourceLocation from)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(from);
        if (!Directory.Exists(directory))
        {
            throw new ConfigurationException(from, $"the source directory {directory} does not exist; name the directory of your manifests with --path or spec.workload.sourceDirectory");
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            if (ManifestExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
            {
                files[Path.GetRelativePath(directory, file).Replace('\\', '/')] = file;
            }
        }

        if (files.Count == 0)
        {
            throw new ConfigurationException(from, $"the source directory {directory} holds no manifests (no {string.Join(", ", ManifestExtensions)} files); add them, e.g. a kustomization.yaml, or name another directory with --path");
        }

        var contents = new List<(string Name, byte[] Content)>();
        foreach (var (name, file) in files)
        {
            var content = File.ReadAllBytes(file);
            if (content.Length == 0)
            {
                throw new ConfigurationException(from, $"the manifest {file} is empty; remove it or write its objects");
            }

            contents.Add((name, content));
        }

        try
        {
            return new WorkloadArtifact(TarGz(contents), [.. files.Keys]);
        }
        catch (ArgumentException ex)
        {
            // The ustar format (chosen for its reproducible headers) holds paths of up to 255 bytes, split at a '/' into 155 and 100.
            throw new ConfigurationException(from, $"a manifest's path under {directory} is too long for the artifact's tar (up to 100 bytes of file name and 255 of path): {ex.Message}; shorten it");
        }
    }

    /// <summary>
    /// An artifact of one empty <c>kustomization.yaml</c>, what KSail's create pushes when the source
    /// directory does not exist (<c>pkg/client/oci/builder_impl.go</c>, <c>BuildEmpty</c>), so the GitOps
    /// engine reconciles an empty workload instead of failing on a missing artifact.
    /// </summary>
    public static WorkloadArtifact Empty() =>
        new(TarGz([("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n"u8.ToArray())]), ["kustomization.yaml"]);

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = DigestOf(content), ["size"] = content.Length };

    private static byte[] TarGz(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    DataStream = new MemoryStream(content, writable: false),
                };
                tar.WriteEntry(entry);
            }
        }

        var bytes = output.ToArray();

        // The gzip header's OS byte (RFC 1952) is the platform's: fixed to 255 (unknown), so Windows and Unix give one digest.
        bytes[9] = 0xff;
        return bytes;
    }
}
