using System.Net;
using KSail.Core.Providers.Docker;
using KSail.Core.Registries;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Workloads;

/// <summary>
/// The registries <see cref="WorkloadPushTests"/> push to, shared by its tests: a running
/// <c>&lt;cluster&gt;-local-registry</c> container labelled as KSail.NET labels the local registry (so
/// <c>workload push</c> finds its host port as it finds a created cluster's), and a second registry
/// started read-only (the distribution registry's maintenance mode), both the test bed's stand-in
/// for <c>registry:3</c>.
/// </summary>
public sealed class PushRegistries : IAsyncLifetime
{
    private readonly HttpClient http = new();

    /// <summary>The cluster whose local registry runs.</summary>
    public string Cluster { get; } = $"wp-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The local registry's container.</summary>
    public string Local => RegistryDeclarations.LocalRegistryName(Cluster);

    /// <summary>The read-only registry's container.</summary>
    public string ReadOnly { get; } = $"ksail-test-readonly-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The local registry's host port.</summary>
    public int Port { get; private set; }

    /// <summary>The read-only registry's host port.</summary>
    public int ReadOnlyPort { get; private set; }

    /// <summary>The Docker provider.</summary>
    public DockerProvider Docker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var image = await TestImages.RegistryAsync(ct);
        Docker = await DockerProvider.ConnectAsync(ct: ct);
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", Local, "--label", "io.ksail.test=true", "--label", $"{RegistryContainer.RegistryLabel}={Local}", "-p", "127.0.0.1::5000", image);
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", ReadOnly, "--label", "io.ksail.test=true", "-p", "127.0.0.1::5000", "-e", "REGISTRY_STORAGE_MAINTENANCE_READONLY={\"enabled\": true}", image);
        Port = (await Docker.HostPortAsync(Local, 5000, ct: ct))!.Value;
        ReadOnlyPort = (await Docker.HostPortAsync(ReadOnly, 5000, ct: ct))!.Value;
        await Docker.WaitForLogAsync(Local, "listening on", TimeSpan.FromSeconds(30), ct);
        await Docker.WaitForLogAsync(ReadOnly, "listening on", TimeSpan.FromSeconds(30), ct);
    }

    /// <summary>GETs <paramref name="path"/> from the registry on <paramref name="port"/>.</summary>
    public async Task<HttpResponseMessage> GetAsync(int port, string path, CancellationToken ct, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await http.SendAsync(request, ct);
    }

    /// <summary>The tags <paramref name="repository"/> has on the registry on <paramref name="port"/> (none when it is unknown).</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(int port, string repository, CancellationToken ct)
    {
        using var response = await GetAsync(port, $"/v2/{repository}/tags/list", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        return body["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (Docker is not null)
        {
            await Docker.RemoveContainerAsync(Local, CancellationToken.None);
            await Docker.RemoveContainerAsync(ReadOnly, CancellationToken.None);
            Docker.Dispose();
        }
    }
}
