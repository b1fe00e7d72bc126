using System.Globalization;

namespace KSail.Core.Kubeconfig;

/// <summary>The one rule for the API server URL a kubeconfig on the host names.</summary>
public static class ApiEndpoint
{
    /// <summary>
    /// <c>https://host:port</c> for an API published on <paramref name="host"/>: the wildcard
    /// addresses (<c>0.0.0.0</c>, <c>::</c>, none), which no client can reach everywhere, become
    /// 127.0.0.1 (as kind and k3d write them); an IPv6 address is bracketed.
    /// </summary>
    public static Uri For(string? host, int port)
    {
        var reachable = host is null or "" or "0.0.0.0" or "::" ? "127.0.0.1" : host;
        var authority = reachable.Contains(':', StringComparison.Ordinal) && !reachable.StartsWith('[') ? $"[{reachable}]" : reachable;
        return new Uri($"https://{authority}:{port.ToString(CultureInfo.InvariantCulture)}");
    }
}
