using System.Diagnostics;

namespace KSail.Testing.TestBed;

/// <summary>
/// A registry container of the test bed's registry stand-in (<see cref="TestImages.RegistryAsync"/>:
/// plain HTTP, no authentication) published on a loopback port, for tests that push to a registry and
/// read back what it holds with the distribution API. Removed, with its volume, on dispose.
/// </summary>
public sealed class RegistryStandIn : IAsyncDisposable
{
    private RegistryStandIn(string name, int port)
    {
        Name = name;
        Port = port;
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>The port on 127.0.0.1 it is published on.</summary>
    public int Port { get; }

    /// <summary>Starts one named <c>{prefix}-{random}</c> and returns once it listens.</summary>
    public static async Task<RegistryStandIn> StartAsync(string prefix, CancellationToken ct)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var port = ClusterChecks.FreeLoopbackPort();
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", name, "--label", "io.ksail.test=true", "-p", $"127.0.0.1:{port}:5000", await TestImages.RegistryAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        var registry = new RegistryStandIn(name, port);
        try
        {
            await registry.WaitUntilListeningAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            return registry;
        }
        catch
        {
            await registry.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The digest the registry gives <paramref name="repository"/>:<paramref name="tag"/> (Docker-Content-Digest of its OCI manifest), as Flux's source-controller resolves a tag.</summary>
    public async Task<string> TagDigestAsync(string repository, string tag, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://127.0.0.1:{Port}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() =>
        await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", Name).ConfigureAwait(false);

    // Follows the container's log until the registry says it listens.
    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "logs", "--follow", Name })
        {
            start.ArgumentList.Add(arg);
        }

        using var logs = Process.Start(start) ?? throw new TestBedException("could not start docker logs");
        try
        {
            var listening = new TaskCompletionSource();
            async Task ReadAsync(StreamReader stream)
            {
                while (await stream.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
                {
                    if (line.Contains("listening on", StringComparison.Ordinal))
                    {
                        listening.TrySetResult();
                    }
                }
            }

            var readers = Task.WhenAll(ReadAsync(logs.StandardOutput), ReadAsync(logs.StandardError));
            await Task.WhenAny(listening.Task, readers).WaitAsync(limit.Token).ConfigureAwait(false);
            if (!listening.Task.IsCompleted)
            {
                throw new TestBedException($"registry {Name} stopped before it listened");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TestBedException($"registry {Name} did not listen within {timeout}");
        }
        finally
        {
            logs.Kill(entireProcessTree: true);
        }
    }
}
