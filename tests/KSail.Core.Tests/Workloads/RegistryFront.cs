using System.Net;

namespace KSail.Core.Tests.Workloads;

/// <summary>
/// An HTTP listener on 127.0.0.1 in front of a test registry: it answers as <see cref="Handle"/> says,
/// or passes the request on to the registry behind it (<see cref="ForwardAsync"/>), to play a registry
/// that asks for a token, refuses, or fails part way.
/// </summary>
internal sealed class RegistryFront : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient http = new();
    private readonly Uri behind;
    private readonly Task serving;

    public RegistryFront(int behindPort, Func<HttpListenerContext, RegistryFront, Task> handle)
    {
        behind = new Uri($"http://127.0.0.1:{behindPort}/");
        Handle = handle;
        Port = KSail.Testing.TestBed.ClusterChecks.FreeLoopbackPort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The listener's port.</summary>
    public int Port { get; }

    /// <summary>What the front does with a request.</summary>
    public Func<HttpListenerContext, RegistryFront, Task> Handle { get; }

    /// <summary>Every request seen, as "METHOD path".</summary>
    public List<string> Seen { get; } = [];

    /// <summary>Answers <paramref name="context"/> with <paramref name="status"/> and the distribution API's error body.</summary>
    public static void Answer(HttpListenerContext context, HttpStatusCode status, string code = "DENIED")
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"the test front says no\"}}]}}");
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    /// <summary>Passes the request on to the registry behind and its answer back.</summary>
    public async Task ForwardAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(behind, context.Request.RawUrl));
        if (context.Request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await http.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Where(h => h.Key is "Location" or "Docker-Content-Digest" or "Docker-Upload-UUID" or "Range"))
        {
            context.Response.Headers[header.Key] = string.Join(",", header.Value);
        }

        var content = await response.Content.ReadAsByteArrayAsync();
        if (context.Request.HttpMethod != "HEAD" && content.Length > 0)
        {
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await context.Response.OutputStream.WriteAsync(content);
        }

        context.Response.Close();
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        http.Dispose();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener stopped under a pending request.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (Seen)
            {
                Seen.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
            }

            try
            {
                await Handle(context, this);
            }
            catch (Exception ex) when (ex is HttpListenerException or HttpRequestException or IOException)
            {
                context.Response.Abort();
            }
        }
    }
}
