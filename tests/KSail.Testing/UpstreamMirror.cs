using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace KSail.Testing;

/// <summary>
/// Serves the shared upstream data files over HTTP on 127.0.0.1 in the layout of a KSail.NET
/// component mirror: <c>/&lt;host&gt;/&lt;path of the upstream address&gt;</c>, e.g.
/// <c>/raw.githubusercontent.com/rancher/local-path-provisioner/&lt;commit&gt;/deploy/local-path-storage.yaml</c>.
/// Which upstream address each file has is read from the data's SOURCES.md (repository, snapshot
/// commit, upstream path). Requests are counted; files can be replaced to serve other bytes.
/// </summary>
public sealed class UpstreamMirror : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, string> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> replaced = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Task serving;

    /// <summary>Starts serving on a free port of 127.0.0.1.</summary>
    public UpstreamMirror()
    {
        foreach (var line in File.ReadLines(RepositoryPaths.UpstreamFile("SOURCES.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // | local file | repository | snapshot commit | last change | upstream path | ...
            if (cells.Length > 6 && cells[2].StartsWith("https://github.com/", StringComparison.Ordinal) && !line.Contains("EXTRACTED", StringComparison.Ordinal))
            {
                var repository = cells[2]["https://github.com/".Length..];
                files[$"/raw.githubusercontent.com/{repository}/{cells[3]}/{cells[5]}"] = RepositoryPaths.UpstreamFile(cells[1]);
            }
        }

        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The mirror's base address, for <c>KSAIL_COMPONENT_MIRROR</c>.</summary>
    public string BaseAddress => $"http://127.0.0.1:{Port}";

    /// <summary>The paths requested so far.</summary>
    public IReadOnlyCollection<string> Requests => requests;

    /// <summary>Serves <paramref name="content"/> instead of the file whose mirror path ends with <paramref name="pathSuffix"/>.</summary>
    public void Replace(string pathSuffix, byte[] content) =>
        replaced[files.Keys.Single(k => k.EndsWith(pathSuffix, StringComparison.Ordinal))] = content;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!listener.IsListening)
        {
            return;
        }

        listener.Stop();
        listener.Close();
        try
        {
            await serving.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            requests.Enqueue(path);
            using var response = context.Response;
            var content = replaced.TryGetValue(path, out var other) ? other
                : files.TryGetValue(path, out var file) ? await File.ReadAllBytesAsync(file).ConfigureAwait(false)
                : null;
            if (content is null)
            {
                response.StatusCode = 404;
                continue;
            }

            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content).ConfigureAwait(false);
        }
    }
}
