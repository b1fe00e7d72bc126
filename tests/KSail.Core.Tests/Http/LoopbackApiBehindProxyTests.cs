using k8s;
using KSail.Core.Http;
using KSail.Core.Kubeconfig;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Http;

/// <summary>
/// Behind a proxy, ksail still reaches its own cluster: with HTTPS_PROXY naming a dead proxy and
/// NO_PROXY not naming the loopback addresses, the engine's client reaches the test bed's API
/// server on 127.0.0.1 directly, as kubectl does (Go's httpproxy never proxies loopback).
/// </summary>
[Trait("Requires", "Docker")]
public sealed class LoopbackApiBehindProxyTests(ControlPlane controlPlane) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await controlPlane.StartAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task With_HTTPS_PROXY_at_a_dead_proxy_the_engines_client_reaches_the_loopback_API_and_never_tries_the_proxy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dead = new DroppingTcpProxy(target: null, drop: 0);
        var kubeconfig = await File.ReadAllTextAsync(controlPlane.KubeconfigPath, ct);
        Assert.Contains("server: https://127.0.0.1:", kubeconfig, StringComparison.Ordinal);
        var environment = new Dictionary<string, string?>
        {
            ["HTTPS_PROXY"] = $"http://127.0.0.1:{dead.Port}",
            ["HTTP_PROXY"] = $"http://127.0.0.1:{dead.Port}",
            ["NO_PROXY"] = "corp.example,10.0.0.0/8",
        };

        using var client = Kubeconfigs.CreateClient(kubeconfig, new EnvironmentProxy(environment.GetValueOrDefault));
        var ns = await client.CoreV1.ReadNamespaceAsync("default", cancellationToken: ct);
        var api = await new KSail.Core.Components.KubeApi(client).GetAsync("/api/v1/namespaces/kube-system", ct);

        Assert.Equal("default", ns.Metadata.Name);
        Assert.Equal("kube-system", api?["metadata"]?["name"]?.GetValue<string>());
        Assert.Equal(0, dead.Accepted);

        // The same client's proxy is used for an address that is not loopback: the rule, not a missing proxy, kept it away.
        using var other = Kubeconfigs.CreateClient(
            kubeconfig.Replace("server: https://127.0.0.1:", "server: https://ksail-proxy-check.invalid:", StringComparison.Ordinal),
            new EnvironmentProxy(environment.GetValueOrDefault));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => other.CoreV1.ReadNamespaceAsync("default", cancellationToken: ct));
        Assert.True(dead.Accepted > 0);
    }
}
