using KSail.Core.Kubeconfig;

namespace KSail.Core.Tests.Kubeconfig;

/// <summary>The one rule for the API URL a host kubeconfig names (was three copies; only one bracketed IPv6).</summary>
public sealed class ApiEndpointTests
{
    [Theory]
    [InlineData(null, "https://127.0.0.1:6443/")]
    [InlineData("", "https://127.0.0.1:6443/")]
    [InlineData("0.0.0.0", "https://127.0.0.1:6443/")]
    [InlineData("::", "https://127.0.0.1:6443/")]
    [InlineData("127.0.0.1", "https://127.0.0.1:6443/")]
    [InlineData("192.168.5.4", "https://192.168.5.4:6443/")]
    [InlineData("::1", "https://[::1]:6443/")]
    [InlineData("fd00::5", "https://[fd00::5]:6443/")]
    [InlineData("[::1]", "https://[::1]:6443/")]
    [InlineData("k3d.example", "https://k3d.example:6443/")]
    public void The_wildcard_addresses_become_loopback_and_IPv6_is_bracketed(string? host, string expected) =>
        Assert.Equal(expected, ApiEndpoint.For(host, 6443).ToString());
}
