using Docker.DotNet;

namespace KSail.Core.Providers.Docker;

/// <summary>
/// A connection to a Docker engine. The endpoint is found as the docker CLI finds it (DOCKER_HOST,
/// the current Docker context, the default socket), then where engines that run as the user keep
/// theirs (<see cref="DockerSockets"/>); the API version is negotiated with the daemon,
/// never pinned: the lower of the daemon's version and the newest this client speaks, so the same
/// code talks to Debian's API 1.41 engine and to a current Docker.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>The newest Docker Engine API version this client speaks.</summary>
    public static readonly Version NewestApiVersion = new(1, 48);

    private DockerEngine(IDockerClient client, Uri endpoint, Version apiVersion, string serverVersion)
    {
        Client = client;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
        ServerVersion = serverVersion;
    }

    /// <summary>The client, speaking the negotiated API version.</summary>
    public IDockerClient Client { get; }

    /// <summary>Where the engine is.</summary>
    public Uri Endpoint { get; }

    /// <summary>The API version both sides speak.</summary>
    public Version ApiVersion { get; }

    /// <summary>The engine's version, e.g. <c>20.10.24</c>.</summary>
    public string ServerVersion { get; }

    /// <summary>Connects to the engine and negotiates the API version.</summary>
    /// <param name="endpoint">An explicit endpoint; null to find it as the docker CLI does.</param>
    /// <param name="ct">Cancels the attempt.</param>
    /// <exception cref="ProviderUnavailableException">No engine answers; the message says how to start one (exit code 4).</exception>
    public static async Task<DockerEngine> ConnectAsync(Uri? endpoint = null, CancellationToken ct = default)
    {
        // Docker Desktop, rootless Docker and the like when nothing names them and the default socket is missing.
        endpoint ??= new DockerSockets().Fallback();
        DockerClient probe;
        try
        {
            var builder = new DockerClientBuilder().WithTimeout(TimeSpan.FromMinutes(10));
            probe = (endpoint is null ? builder : builder.WithEndpoint(endpoint)).Build();
        }
        catch (DockerConfigurationException ex)
        {
            throw new ProviderUnavailableException($"the Docker endpoint cannot be resolved: {ex.Message}; check DOCKER_HOST and your Docker context ('docker context ls')", ex);
        }

        var where = probe.Options.Endpoint;
        Version server;
        string serverVersion;
        using (probe)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(20));

                // Unversioned, as the docker CLI does before it negotiates: every engine answers this.
                var version = await probe.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
                server = Version.Parse(version.APIVersion);
                serverVersion = version.Version;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw Unavailable(where, "it did not answer within 20 s", null);
            }
            catch (HttpRequestException ex)
            {
                throw Unavailable(where, ex.InnerException?.Message ?? ex.Message, ex);
            }
            catch (IOException ex)
            {
                throw Unavailable(where, ex.Message, ex);
            }
            catch (DockerApiException ex)
            {
                throw Unavailable(where, $"it answered {(int)ex.StatusCode}: {ex.ResponseBody}", ex);
            }
        }

        var negotiated = server < NewestApiVersion ? server : NewestApiVersion;
        var builderForVersion = new DockerClientBuilder().WithTimeout(TimeSpan.FromMinutes(10)).WithEndpoint(where).WithApiVersion(negotiated);
        return new DockerEngine(builderForVersion.Build(), where, negotiated, serverVersion);
    }

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();

    private static ProviderUnavailableException Unavailable(Uri where, string reason, Exception? cause)
    {
        var message = $"Docker is not reachable at {where} ({reason}). Start Docker (for example 'sudo systemctl start docker', or Docker Desktop), or point DOCKER_HOST at a running engine, then try again.";
        return cause is null ? new ProviderUnavailableException(message) : new ProviderUnavailableException(message, cause);
    }
}
