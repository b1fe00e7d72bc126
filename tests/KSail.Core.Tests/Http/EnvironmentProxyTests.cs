using KSail.Core.Components;
using KSail.Core.Http;
using KSail.Testing;

namespace KSail.Core.Tests.Http;

/// <summary>
/// The engine's proxy rule, Go's golang.org/x/net/http/httpproxy (FromEnvironment, useProxy) as
/// kubectl, kind and k3d apply it: read from an environment given to it, never the process's.
/// </summary>
public sealed class EnvironmentProxyTests
{
    [Theory]
    // Loopback is never proxied, whatever NO_PROXY says (httpproxy useProxy: "localhost", ip.IsLoopback()).
    [InlineData("https://127.0.0.1:6443/api", "", null)]
    [InlineData("https://127.1.2.3:6443/api", "", null)]
    [InlineData("https://[::1]:6443/api", "", null)]
    [InlineData("https://localhost:6443/api", "", null)]
    [InlineData("http://127.0.0.1:8080/file", "", null)]
    // Everything else goes through the proxy of its scheme unless NO_PROXY names it.
    [InlineData("https://192.168.1.10:6443/api", "", "http://https-proxy.corp:3128/")]
    [InlineData("http://example.com/file", "", "http://http-proxy.corp:8080/")]
    [InlineData("https://localhost.example.com/", "", "http://https-proxy.corp:3128/")]
    [InlineData("https://api.example.com/", "example.com", null)]
    [InlineData("https://example.com/", "example.com", null)]
    [InlineData("https://notexample.com/", "example.com", "http://https-proxy.corp:3128/")]
    [InlineData("https://example.com/", ".example.com", "http://https-proxy.corp:3128/")]
    [InlineData("https://a.example.com/", "*.example.com", null)]
    [InlineData("https://10.1.2.3/", "10.0.0.0/8", null)]
    [InlineData("https://10.1.2.3:6443/", "10.1.2.3:6443", null)]
    [InlineData("https://10.1.2.3:443/", "10.1.2.3:6443", "http://https-proxy.corp:3128/")]
    [InlineData("https://[fd00::5]:6443/", "fd00::/8", null)]
    [InlineData("https://registry.internal/", " other.org , REGISTRY.internal ", null)]
    [InlineData("https://anything.org/", "*", null)]
    public void A_request_goes_through_the_proxy_of_its_scheme_unless_it_is_for_loopback_or_NO_PROXY_names_it(string url, string noProxy, string? expected)
    {
        var proxy = new EnvironmentProxy(new Dictionary<string, string?>
        {
            ["HTTPS_PROXY"] = "http://https-proxy.corp:3128",
            ["HTTP_PROXY"] = "http-proxy.corp:8080", // no scheme: http:// is meant
            ["NO_PROXY"] = noProxy,
        }.GetValueOrDefault);

        Assert.Equal(expected, proxy.ProxyFor(new Uri(url))?.ToString());
        Assert.Equal(expected is null, proxy.IsBypassed(new Uri(url)));
    }

    [Fact]
    public void Lower_case_names_count_when_the_upper_case_ones_are_unset_and_a_scheme_without_its_proxy_goes_directly()
    {
        var lower = new EnvironmentProxy(new Dictionary<string, string?> { ["https_proxy"] = "http://user:p%40ss@proxy:3128", ["no_proxy"] = "internal" }.GetValueOrDefault);

        Assert.Equal(new Uri("http://user:p%40ss@proxy:3128"), lower.ProxyFor(new Uri("https://example.com")));
        Assert.Null(lower.ProxyFor(new Uri("https://a.internal")));
        Assert.Null(lower.ProxyFor(new Uri("http://example.com"))); // HTTPS_PROXY is for https only, as in Go
        var credential = lower.Credentials!.GetCredential(new Uri("http://proxy:3128"), "Basic");
        Assert.Equal(("user", "p@ss"), (credential?.UserName, credential?.Password));
        Assert.Null(new EnvironmentProxy(_ => null).ProxyFor(new Uri("https://example.com")));
    }

    [Fact]
    public async Task With_a_dead_proxy_set_downloads_from_a_loopback_mirror_arrive_and_other_addresses_are_sent_to_the_proxy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dead = new DroppingTcpProxy(target: null, drop: 0);
        await using var mirror = new UpstreamMirror();
        using var cache = new ScratchDirectory();
        var environment = new Dictionary<string, string?> { ["HTTP_PROXY"] = $"http://127.0.0.1:{dead.Port}", ["HTTPS_PROXY"] = $"http://127.0.0.1:{dead.Port}" };
        using var http = new HttpClient(EngineHttp.Handler(new EnvironmentProxy(environment.GetValueOrDefault)));

        var store = new ManifestStore(http, mirror.BaseAddress, cache.Path);
        var file = ComponentCatalog.MetricsServer.Files[0];

        var text = await store.GetAsync(ComponentCatalog.MetricsServer.Name, file, ct);

        Assert.Equal(file.Sha256, ManifestStore.Sha256Of(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(0, dead.Accepted);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri("http://ksail-proxy-check.invalid/"), ct));
        Assert.True(dead.Accepted > 0);
    }
}
