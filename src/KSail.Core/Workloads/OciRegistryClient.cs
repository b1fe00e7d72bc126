using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KSail.Core.Http;

namespace KSail.Core.Workloads;

/// <summary>
/// Pushes an artifact to one repository of a registry with the OCI distribution API on HttpClient
/// (distribution-spec <c>spec.md</c>, "Pushing blobs" and "Pushing Manifests"): each blob is asked
/// for first (<c>HEAD</c>), uploaded when missing (<c>POST</c> a session, <c>PUT ?digest=</c> the bytes),
/// and the manifest is put last, under its tag, so a push that fails leaves nothing tagged.
/// <para>
/// No OCI library is used: the NuGet packages this repository may use hold no OCI client (neither
/// ORAS's .NET library nor the SDK's Microsoft.NET.Build.Containers is served), and the five
/// requests an artifact push needs are few enough to own, on the engine's one HTTP handler and
/// proxy rule (<see cref="EngineHttp"/>, <see cref="EnvironmentProxy"/>). A registry that asks for credentials is answered as Docker and ORAS answer it:
/// Basic with the user and password of <c>--registry</c>, or a Bearer token fetched from the
/// <c>WWW-Authenticate</c> challenge's realm (with those credentials, when given) for the
/// repository's <c>pull,push</c> scope.
/// </para>
/// <para>The password is sent only in the Authorization header and never appears in an error.</para>
/// </summary>
internal sealed class OciRegistryClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri baseAddress;
    private readonly string repository;
    private readonly (string User, string Password)? credentials;
    private AuthenticationHeaderValue? authorization;

    /// <summary>A client of <paramref name="repository"/> at <paramref name="baseAddress"/> (<c>http://127.0.0.1:5050/</c>).</summary>
    public OciRegistryClient(Uri baseAddress, string repository, (string User, string Password)? credentials)
    {
        this.baseAddress = baseAddress;
        this.repository = repository;
        this.credentials = credentials;
        http = new HttpClient(EngineHttp.Handler(EnvironmentProxy.FromProcess())) { Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>Uploads <paramref name="content"/> unless the repository has the blob already.</summary>
    public async Task PushBlobAsync(byte[] content, string what, CancellationToken ct)
    {
        var digest = WorkloadArtifact.DigestOf(content);
        using (var head = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Address($"blobs/{digest}")), what, ct).ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode)
            {
                return;
            }
        }

        using var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Address("blobs/uploads/")), what, ct).ConfigureAwait(false);
        await RequireAsync(start, HttpStatusCode.Accepted, $"the upload of the {what}", ct).ConfigureAwait(false);
        var location = start.Headers.Location ?? throw new ProvisioningException($"{Where} answered the upload of the {what} without a Location to upload to");
        var upload = location.IsAbsoluteUri ? location : new Uri(baseAddress, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        var put = new Uri(upload.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(digest));
        using var done = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, put) { Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } } },
            what,
            ct).ConfigureAwait(false);
        await RequireAsync(done, HttpStatusCode.Created, $"the {what}", ct).ConfigureAwait(false);
    }

    /// <summary>Puts the manifest under <paramref name="tag"/> (last: the tag appears only when every blob is there).</summary>
    public async Task PushManifestAsync(byte[] manifest, string mediaType, string tag, CancellationToken ct)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, Address($"manifests/{tag}")) { Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } } },
            "manifest",
            ct).ConfigureAwait(false);
        await RequireAsync(response, HttpStatusCode.Created, $"the manifest tagged {tag}", ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();

    private string Where => $"the registry {baseAddress.Authority} ({repository})";

    private Uri Address(string path) => new(baseAddress, $"v2/{repository}/{path}");

    // Sends the request; on 401 answers the challenge once (Basic, or a Bearer token from its realm) and sends it again.
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, string what, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            using var first = request();
            first.Headers.Authorization = authorization;
            response = await http.SendAsync(first, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || authorization is not null)
            {
                return response;
            }

            var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
            response.Dispose();
            authorization = await AnswerAsync(challenge, ct).ConfigureAwait(false);
            using var again = request();
            again.Headers.Authorization = authorization;
            return await http.SendAsync(again, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProvisioningException($"{Where} could not be reached to push the {what}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ProvisioningException($"{Where} did not answer the push of the {what} in time", ex);
        }
    }

    private async Task<AuthenticationHeaderValue> AnswerAsync(AuthenticationHeaderValue? challenge, CancellationToken ct)
    {
        if (challenge is null)
        {
            throw new ProvisioningException($"{Where} refused the push: 401 Unauthorized without a WWW-Authenticate challenge");
        }

        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return Basic() ?? throw new ProvisioningException($"{Where} asks for credentials: name them as --registry user:password@{baseAddress.Authority}/... (or KSAIL_REGISTRY)");
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProvisioningException($"{Where} asks for {challenge.Scheme} authentication, which KSail.NET does not speak (Basic and Bearer)");
        }

        var parameters = ChallengeParameters(challenge.Parameter ?? string.Empty);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new ProvisioningException($"{Where} sent a Bearer challenge without a realm");
        }

        var query = new StringBuilder();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }

        // Always pull and push: a registry's first challenge (to the HEAD of a blob) may name only pull,
        // and the token is reused for the upload and the manifest (as Docker and ORAS ask for it).
        var scope = $"repository:{repository}:pull,push";
        query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(scope));
        var tokenUri = new UriBuilder(realmUri) { Query = (realmUri.Query.TrimStart('?') is { Length: > 0 } q ? q + "&" : string.Empty) + query };
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri.Uri);
        request.Headers.Authorization = Basic();
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProvisioningException($"{Where}'s token service {realmUri.Authority} refused a token for {scope}: {(int)response.StatusCode} {response.ReasonPhrase}{(credentials is null ? "; name credentials with --registry user:password@host/..." : "; check the credentials of --registry")}");
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        var token = body?["token"]?.GetValue<string>() ?? body?["access_token"]?.GetValue<string>()
            ?? throw new ProvisioningException($"{Where}'s token service {realmUri.Authority} answered without a token");
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private AuthenticationHeaderValue? Basic() => credentials is { } c
        ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")))
        : null;

    // realm="https://auth.example/token",service="registry.example",scope="repository:x:pull,push"
    private static Dictionary<string, string> ChallengeParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = text[i..eq].Trim().TrimStart(',').Trim();
            string value;
            if (eq + 1 < text.Length && text[eq + 1] == '"')
            {
                var close = text.IndexOf('"', eq + 2);
                close = close < 0 ? text.Length : close;
                value = text[(eq + 2)..close];
                i = close + 1;
            }
            else
            {
                var comma = text.IndexOf(',', eq + 1);
                comma = comma < 0 ? text.Length : comma;
                value = text[(eq + 1)..comma].Trim();
                i = comma;
            }

            parameters[key] = value;
            i = i < text.Length && text[i] == ',' ? i + 1 : i;
        }

        return parameters;
    }

    private async Task RequireAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode == expected || (response.IsSuccessStatusCode && expected != HttpStatusCode.Accepted))
        {
            return;
        }

        var detail = string.Empty;
        try
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            if (body?["errors"]?.AsArray().FirstOrDefault() is { } error)
            {
                detail = $": {error["code"]?.GetValue<string>()} {error["message"]?.GetValue<string>()}".TrimEnd();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the distribution API's error body: the status says it.
        }

        var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? "; check the credentials of --registry and that they may push to this repository"
            : string.Empty;
        throw new ProvisioningException($"{Where} refused {what}: {(int)response.StatusCode} {response.ReasonPhrase}{detail}{hint}");
    }
}
