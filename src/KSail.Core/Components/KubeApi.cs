using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace KSail.Core.Components;

/// <summary>
/// Any kind of object through the API server, by its apiVersion and kind (discovery tells the
/// resource), on the connection and credentials of a KubernetesClient <see cref="Kubernetes"/>.
/// A request that fails on the way (a refused, reset or dropped connection, a timeout, 429, 502,
/// 503 or 504: an API server that is starting or restarting, as it may while the first components
/// are installed) is sent again with the readiness waits' transport policy, for up to
/// <see cref="RetryLimit"/>.
/// </summary>
public sealed class KubeApi
{
    /// <summary>How long one request is tried again by default.</summary>
    public static readonly TimeSpan DefaultRetryLimit = TimeSpan.FromMinutes(1);

    private readonly Kubernetes client;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, ApiResource>> discovered = new(StringComparer.Ordinal);

    /// <summary>Creates the API on a client.</summary>
    /// <param name="client">The client: its address, credentials and HTTP client.</param>
    /// <param name="time">The clock of the retries (the system's when null).</param>
    /// <param name="retryLimit">How long one request is tried again (<see cref="DefaultRetryLimit"/> when null).</param>
    public KubeApi(Kubernetes client, TimeProvider? time = null, TimeSpan? retryLimit = null)
    {
        this.client = client;
        this.time = time ?? TimeProvider.System;
        RetryLimit = retryLimit ?? DefaultRetryLimit;
    }

    /// <summary>How long one request is tried again after transient failures.</summary>
    public TimeSpan RetryLimit { get; }

    /// <summary>The resource that serves <paramref name="kind"/> of <paramref name="apiVersion"/>, or null when the server has none (yet).</summary>
    public async Task<ApiResource?> ResourceAsync(string apiVersion, string kind, CancellationToken ct)
    {
        if (discovered.TryGetValue(apiVersion, out var known) && known.TryGetValue(kind, out var resource))
        {
            return resource;
        }

        // Not known, or a new CRD since the last look: ask again.
        var path = (apiVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" : "/api/") + apiVersion;
        var list = await GetAsync(path, ct).ConfigureAwait(false);
        var kinds = new Dictionary<string, ApiResource>(StringComparer.Ordinal);
        foreach (var item in list?["resources"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var name = item["name"]?.GetValue<string>() ?? string.Empty;
            if (!name.Contains('/', StringComparison.Ordinal) && item["kind"]?.GetValue<string>() is { } k)
            {
                kinds[k] = new ApiResource(apiVersion, name, item["namespaced"]?.GetValue<bool>() ?? false);
            }
        }

        discovered[apiVersion] = kinds;
        return kinds.GetValueOrDefault(kind);
    }

    /// <summary>GETs <paramref name="path"/>; null when it is not found.</summary>
    public async Task<JsonObject?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, null, ct).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, path, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Server-side applies <paramref name="item"/> at <paramref name="path"/> as <paramref name="fieldManager"/>,
    /// taking over conflicting fields. API servers before 1.21 cannot build the typed patch for some
    /// valid objects (fields of newer schemas, Service ports without a protocol); for those the object
    /// is created or replaced instead, still as <paramref name="fieldManager"/>.
    /// </summary>
    /// <param name="path">The object's path.</param>
    /// <param name="item">The object.</param>
    /// <param name="fieldManager">The field manager.</param>
    /// <param name="existing">The object as it is now, or null when it does not exist.</param>
    /// <param name="ct">Cancels the request.</param>
    public async Task<JsonObject> ApplyAsync(string path, JsonObject item, string fieldManager, JsonObject? existing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var manager = Uri.EscapeDataString(fieldManager);
        using (var content = new StringContent(item.ToJsonString(), Encoding.UTF8))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(HttpMethod.Patch, $"{path}?fieldManager={manager}&force=true", content, null, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex.InnerException is HttpIOException)
            {
                // An API server before 1.21 drops the connection when its apply handler fails (APIService).
                response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("failed to create typed patch object: connection dropped") };
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.InternalServerError)
                {
                    return await ReadAsync(response, path, ct).ConfigureAwait(false) ?? [];
                }

                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (!body.Contains("failed to create typed patch object", StringComparison.Ordinal))
                {
                    throw new KubeApiException(response.StatusCode, $"500 InternalServerError from {path}: {body}");
                }
            }
        }

        var replacement = (JsonObject)item.DeepClone();
        if (existing?["metadata"]?["resourceVersion"]?.GetValue<string>() is { } version)
        {
            Manifests.Child(replacement, "metadata")["resourceVersion"] = version;
        }

        using var json = new StringContent(replacement.ToJsonString(), Encoding.UTF8, "application/json");
        var collection = path[..path.LastIndexOf('/')];
        using var fallback = existing is null
            ? await SendAsync(HttpMethod.Post, $"{collection}?fieldManager={manager}", json, null, ct).ConfigureAwait(false)
            : await SendAsync(HttpMethod.Put, $"{path}?fieldManager={manager}", json, null, ct).ConfigureAwait(false);
        return await ReadAsync(fallback, path, ct).ConfigureAwait(false) ?? [];
    }

    /// <summary>DELETEs <paramref name="path"/> (dependents in the background); false when it was not there.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken ct)
    {
        using var content = new StringContent("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}""", Encoding.UTF8, "application/json");
        using var response = await SendAsync(HttpMethod.Delete, path, content, null, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await ReadAsync(response, path, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Lists <paramref name="path"/> with a label selector; the items.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, string labelSelector, CancellationToken ct)
    {
        var list = await GetAsync($"{path}?labelSelector={Uri.EscapeDataString(labelSelector)}", ct).ConfigureAwait(false);
        return list?["items"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? accept, CancellationToken ct)
    {
        // A write whose connection dropped after it was sent is not sent again: the server may have
        // acted on it (and an API server before 1.21 drops the connection when its apply fails, see ApplyAsync).
        var retry = Readiness.Transport.RetryFor<HttpResponseMessage>(
            time,
            RetryLimit,
            error => Readiness.Transport.IsTransient(error, ct) && (method == HttpMethod.Get || error is not HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } and not HttpRequestException { InnerException: HttpIOException }),
            response => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);
        return await retry.ExecuteAsync(
            async token =>
            {
                // A new message for every attempt (a message is sent once); the content is the caller's and outlives it.
                var request = new HttpRequestMessage(method, new Uri(client.BaseUri, path.TrimStart('/'))) { Content = content };
                try
                {
                    request.Headers.Accept.ParseAdd(accept ?? "application/json");
                    if (client.Credentials is { } credentials)
                    {
                        await credentials.ProcessHttpRequestAsync(request, token).ConfigureAwait(false);
                    }

                    return await client.HttpClient.SendAsync(request, token).ConfigureAwait(false);
                }
                finally
                {
                    request.Content = null;
                    request.Dispose();
                }
            },
            ct).ConfigureAwait(false);
    }

    private static async Task<JsonObject?> ReadAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }

        string? message = null;
        try
        {
            message = JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
        }

        throw new KubeApiException(response.StatusCode, $"{(int)response.StatusCode} {response.StatusCode} from {path}: {message ?? body}");
    }
}
