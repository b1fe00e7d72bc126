using System.Net;
using System.Net.Sockets;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>
/// The kind load-balancer stand-in image of the test bed does what Envoy does under kind's bootstrap
/// command: it starts with no listener but its admin one, follows listener and cluster files moved
/// into place, forwards the listener's port to the cluster's endpoints, and takes out an endpoint
/// whose health check fails.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KindLoadBalancerStandInImageTests : IAsyncLifetime
{
    // kind v0.32's bootstrap command for its external load balancer (loadbalancer.GenerateBootstrapCommand), for cluster NAME.
    private const string Bootstrap = """

        node:
          cluster: NAME
          id: NAME-lb

        dynamic_resources:
          cds_config:
            resource_api_version: V3
            path_config_source:
              path: /home/envoy/cds.yaml
          lds_config:
            resource_api_version: V3
            path_config_source:
              path: /home/envoy/lds.yaml

        admin:
          access_log_path: /dev/stdout
          address:
            socket_address:
              address: 0.0.0.0
              port_value: 10000

        """;

    private readonly string name = $"klb-{Guid.NewGuid().ToString("N")[..6]}";

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
    public async Task It_starts_empty_follows_files_moved_into_place_and_takes_out_an_endpoint_that_fails_its_check()
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        string[] labels = ["--label", "io.ksail.test=true", "--label", $"io.ksail.testbed.cluster={name}"];
        await ClusterChecks.RunAsync("docker", ct, ["network", "create", .. labels, name]);

        // Given: two "API servers" on the network serving 6443; only "good" passes the health check (/healthz)
        foreach (var (node, healthz) in new[] { ("good", "echo ok > /www/healthz && "), ("sick", string.Empty) })
        {
            await ClusterChecks.RunAsync("docker", ct, ["run", "-d", "--name", $"{name}-{node}", "--network", name, .. labels, "--entrypoint", "/bin/sh", images["control-plane"], "-c", $"mkdir -p /www && {healthz}echo served by {node} > /www/index.html && exec httpd -f -p 6443 -h /www"]);
        }

        // When: the load balancer starts as kind starts it
        var command = $"mkdir -p /home/envoy && echo -en '{Bootstrap.Replace("NAME", name, StringComparison.Ordinal)}' > /home/envoy/envoy.yaml"
            + " && { [ ! -f /home/envoy/cds.yaml ] && echo -en 'resources: []' > /home/envoy/cds.yaml || true; }"
            + " && { [ ! -f /home/envoy/lds.yaml ] && echo -en 'resources: []' > /home/envoy/lds.yaml || true; }"
            + " && while true; do envoy -c /home/envoy/envoy.yaml && break; sleep 1; done";
        var (port, admin) = (FreePort(), FreePort());
        await ClusterChecks.RunAsync("docker", ct, ["run", "-d", "--name", $"{name}-lb", "--hostname", $"{name}-lb", "--network", name, .. labels, "--tty", "-p", $"127.0.0.1:{port}:6443", "-p", $"127.0.0.1:{admin}:10000", images["kind-load-balancer"], "bash", "-c", command]);

        // Then: its admin listener answers, the API port has no listener yet
        await EventuallyAsync(async () => Assert.Equal("LIVE", await TryGetAsync(admin, "/ready", ct)), ct);
        Assert.Null(await TryGetAsync(port, "/", ct));

        // When: kind's files are written next to the old ones and moved into place
        await WriteAsync("/home/envoy/lds.yaml.tmp", """
            resources:
            - "@type": type.googleapis.com/envoy.config.listener.v3.Listener
              name: listener_apiserver
              address:
                socket_address:
                  address: "0.0.0.0"
                  port_value: 6443
              filter_chains:
              - filters:
                - name: envoy.filters.network.tcp_proxy
                  typed_config:
                    "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
                    stat_prefix: ingress_tcp
                    cluster: kube_apiservers

            """, ct);
        await WriteAsync("/home/envoy/cds.yaml.tmp", $"""
            resources:
            - "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster
              name: kube_apiservers
              connect_timeout: 0.25s
              type: STRICT_DNS
              lb_policy: ROUND_ROBIN
              health_checks:
              - timeout: 1s
                interval: 1s
                unhealthy_threshold: 1
                healthy_threshold: 1
                http_health_check:
                  path: /healthz
              load_assignment:
                cluster_name: kube_apiservers
                endpoints:
                - lb_endpoints:
                  - endpoint:
                      address:
                        socket_address:
                          address: {name}-sick
                          port_value: 6443
                  - endpoint:
                      address:
                        socket_address:
                          address: {name}-good
                          port_value: 6443

            """, ct);
        await ClusterChecks.RunAsync("docker", ct, "exec", $"{name}-lb", "sh", "-c", "chmod 666 /home/envoy/cds.yaml.tmp /home/envoy/lds.yaml.tmp && mv /home/envoy/cds.yaml.tmp /home/envoy/cds.yaml && mv /home/envoy/lds.yaml.tmp /home/envoy/lds.yaml");

        // Then: the port is served, and once the sick endpoint has failed its check every request goes to the good one
        await EventuallyAsync(async () => Assert.Equal("served by good", (await TryGetAsync(port, "/", ct))?.Trim()), ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal("served by good", (await TryGetAsync(port, "/", ct))?.Trim());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The page, or null when nothing answers (no listener, no healthy endpoint).
    private static async Task<string?> TryGetAsync(int port, string path, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}{path}"), ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    // Retries the check every 200 ms for up to 30 s.
    private static async Task EventuallyAsync(Func<Task> check, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await check();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 150)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    // As kind's nodeutils.WriteFile: copy standard input to the file.
    private async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("content", content);
        await ClusterChecks.RunAsync("bash", ct, "-c", "docker exec -i \"$1\" cp /dev/stdin \"$2\" < \"$3\"", "write", $"{name}-lb", path, file);
    }
}
