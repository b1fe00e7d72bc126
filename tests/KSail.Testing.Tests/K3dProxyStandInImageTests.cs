using System.Net;
using System.Net.Sockets;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>
/// The k3d-proxy stand-in image of the test bed does what k3d's server load balancer does with the
/// values.yaml k3d writes into it: it forwards each port to the nodes listed for it, passes a
/// refused connection to the next node, and follows a rewritten file.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class K3dProxyStandInImageTests : IAsyncLifetime
{
    private readonly string name = $"kp-{Guid.NewGuid().ToString("N")[..6]}";

    public ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker rm -f -v $(docker ps -aq --filter label=io.ksail.testbed.cluster=\"$1\") >/dev/null 2>&1; docker network rm \"$1\" >/dev/null 2>&1; true", "clean", name);
    }

    [Fact]
    public async Task It_waits_for_values_yaml_forwards_past_a_refusing_node_and_follows_a_rewritten_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        string[] labels = ["--label", "io.ksail.test=true", "--label", $"io.ksail.testbed.cluster={name}"];
        await ClusterChecks.RunAsync("docker", ct, ["network", "create", .. labels, name]);

        // Given: two "nodes" on the network, one serving 8080, one refusing it
        foreach (var (node, script) in new[] { ("web", "mkdir -p /www && echo served by web > /www/index.html && exec httpd -f -p 8080 -h /www"), ("idle", "exec sleep 600") })
        {
            await ClusterChecks.RunAsync("docker", ct, ["run", "-d", "--name", $"{name}-{node}", "--network", name, .. labels, "--entrypoint", "/bin/sh", images["control-plane"], "-c", script]);
        }

        // When: the proxy starts without values.yaml (it waits), then gets k3d's file
        var port = FreePort();
        await ClusterChecks.RunAsync("docker", ct, ["run", "-d", "--name", $"{name}-lb", "--network", name, .. labels, "--init", "--tmpfs", "/run", "-p", $"127.0.0.1:{port}:8080", images["k3d-proxy"]]);
        await WaitForLogAsync("waiting for /etc/confd/values.yaml", 1, ct);
        await WriteValuesAsync($"ports:\n  8080.tcp:\n  - {name}-idle\n  - {name}-web\nsettings:\n  workerConnections: 1024\n", ct);

        // Then: nginx serves the config (k3d's ready line), and every request reaches the serving node
        await WaitForLogAsync("start worker processes", 1, ct);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("served by web", (await GetAsync(port, ct)).Trim());
        }

        // When: k3d rewrites the file (as when a node is added) with a port that is not 8080 any more
        await WriteValuesAsync($"ports:\n  8080.tcp: [{name}-idle]\nsettings:\n  workerConnections: 2048\n", ct);

        // Then: nginx reloads (the ready line again) and 8080 now goes to the refusing node only
        await WaitForLogAsync("start worker processes", 2, ct);
        var conf = await ClusterChecks.RunAsync("docker", ct, "exec", $"{name}-lb", "cat", "/etc/nginx/nginx.conf");
        Assert.Contains("worker_connections 2048;", conf, StringComparison.Ordinal);
        Assert.DoesNotContain($"{name}-web", conf, StringComparison.Ordinal);
        // Old nginx workers finish gracefully after a reload and may still take a connection for a moment.
        var refused = false;
        for (var attempt = 0; attempt < 40 && !refused; attempt++)
        {
            try
            {
                await GetAsync(port, ct);
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
            catch (HttpRequestException)
            {
                refused = true;
            }
        }

        Assert.True(refused, "8080 still reached the serving node 10 s after the reload");

        // And: docker stop ends it cleanly
        await ClusterChecks.RunAsync("docker", ct, "stop", $"{name}-lb");
        Assert.Equal("0", (await ClusterChecks.RunAsync("docker", ct, "inspect", "-f", "{{.State.ExitCode}}", $"{name}-lb")).Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> GetAsync(int port, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), ct);
    }

    // As k3d writes it: the file copied into the container.
    private async Task WriteValuesAsync(string values, CancellationToken ct)
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("values.yaml", values);
        await ClusterChecks.RunAsync("docker", ct, "cp", file, $"{name}-lb:/etc/confd/values.yaml");
    }

    // Polls the proxy's log until the line has appeared at least `times` times (up to 30 s).
    private async Task WaitForLogAsync(string line, int times, CancellationToken ct)
    {
        var logs = string.Empty;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            logs = await ClusterChecks.RunAsync("bash", ct, "-c", "docker logs \"$1\" 2>&1", "logs", $"{name}-lb");
            if (logs.Split('\n').Count(l => l.Contains(line, StringComparison.Ordinal)) >= times)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }

        Assert.Fail($"'{line}' did not appear {times} time(s) in the proxy's log:\n{logs}");
    }
}
