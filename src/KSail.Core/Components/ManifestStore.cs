using System.Security.Cryptography;
using System.Text;

namespace KSail.Core.Components;

/// <summary>
/// Fetches pinned upstream files once into a cache (<c>~/.ksail/cache/manifests</c>, one file per
/// SHA-256) and verifies every byte. A mirror replaces upstream for air-gapped machines: an
/// <c>http(s)://</c> base address under which the file is found at <c>&lt;host&gt;/&lt;path&gt;</c> of its
/// upstream address, or a directory laid out the same way. A download that fails on the way (a
/// refused, reset or dropped connection, a timeout, 5xx, 429) is tried again with the readiness
/// waits' transport policy for up to <see cref="RetryLimit"/>.
/// </summary>
public sealed class ManifestStore
{
    /// <summary>The environment variable that names a mirror (see <see cref="ManifestStore"/>).</summary>
    public const string MirrorVariable = "KSAIL_COMPONENT_MIRROR";

    /// <summary>How long one download is tried again by default.</summary>
    public static readonly TimeSpan DefaultRetryLimit = TimeSpan.FromSeconds(30);

    private readonly HttpClient http;
    private readonly string? mirror;
    private readonly TimeProvider time;

    /// <summary>Creates the store.</summary>
    /// <param name="http">The client for downloads.</param>
    /// <param name="mirror">A mirror base address or directory; null for upstream (or <see cref="MirrorVariable"/>).</param>
    /// <param name="cacheDirectory">The cache; null for <c>~/.ksail/cache/manifests</c>.</param>
    /// <param name="time">The clock of the retries (the system's when null).</param>
    /// <param name="retryLimit">How long one download is tried again (<see cref="DefaultRetryLimit"/> when null).</param>
    public ManifestStore(HttpClient http, string? mirror = null, string? cacheDirectory = null, TimeProvider? time = null, TimeSpan? retryLimit = null)
    {
        this.http = http;
        this.time = time ?? TimeProvider.System;
        RetryLimit = retryLimit ?? DefaultRetryLimit;
        this.mirror = mirror ?? (Environment.GetEnvironmentVariable(MirrorVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        CacheDirectory = cacheDirectory ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "cache", "manifests");
    }

    /// <summary>How long one download is tried again after transient failures.</summary>
    public TimeSpan RetryLimit { get; }

    /// <summary>Where verified files are kept.</summary>
    public string CacheDirectory { get; }

    /// <summary>Where <paramref name="file"/> is read from: upstream, or its place under the mirror.</summary>
    public string SourceOf(PinnedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (mirror is null)
        {
            return file.Url.AbsoluteUri;
        }

        var relative = file.Url.Host + file.Url.AbsolutePath;
        return mirror.Contains("://", StringComparison.Ordinal) && !mirror.StartsWith("file://", StringComparison.Ordinal)
            ? mirror.TrimEnd('/') + "/" + relative
            : Path.Combine(mirror.StartsWith("file://", StringComparison.Ordinal) ? new Uri(mirror).LocalPath : mirror, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>The verified text of <paramref name="file"/>, from the cache or fetched and then cached.</summary>
    /// <exception cref="ComponentException">It could not be fetched, or its SHA-256 is not the pinned one.</exception>
    public async Task<string> GetAsync(string component, PinnedFile file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var cached = Path.Combine(CacheDirectory, file.Sha256 + ".yaml");
        if (File.Exists(cached))
        {
            var bytes = await File.ReadAllBytesAsync(cached, ct).ConfigureAwait(false);
            if (Sha256Of(bytes) == file.Sha256)
            {
                return Encoding.UTF8.GetString(bytes);
            }

            File.Delete(cached); // damaged: fetch it again
        }

        var source = SourceOf(file);
        byte[] content;
        try
        {
            content = source.Contains("://", StringComparison.Ordinal)
                ? await Readiness.Transport.RetryFor<byte[]>(time, RetryLimit, error => Readiness.Transport.IsTransient(error, ct))
                    .ExecuteAsync(async token => await http.GetByteArrayAsync(new Uri(source), token).ConfigureAwait(false), ct).ConfigureAwait(false)
                : await File.ReadAllBytesAsync(source, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var hint = mirror is null
                ? $"check the network, or set {MirrorVariable} to a mirror or a directory that holds the file at {file.Url.Host}{file.Url.AbsolutePath}"
                : $"check the mirror ({MirrorVariable}={mirror}) holds the file";
            throw new ComponentException($"{component}: could not fetch {source}: {ex.Message}; {hint}", ex);
        }

        var actual = Sha256Of(content);
        if (actual != file.Sha256)
        {
            throw new ComponentException(
                $"{component}: {source} has SHA-256 {actual}, but KSail.NET pins {file.Sha256} for {file.Url}; the file was changed or is not the pinned release, so nothing was applied");
        }

        Directory.CreateDirectory(CacheDirectory);
        var temporary = cached + "." + Environment.ProcessId + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, ct).ConfigureAwait(false);
        File.Move(temporary, cached, overwrite: true);
        return Encoding.UTF8.GetString(content);
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
