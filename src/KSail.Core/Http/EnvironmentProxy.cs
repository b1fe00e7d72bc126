using System.Net;

namespace KSail.Core.Http;

/// <summary>
/// The proxy of every HTTP client of the engine, chosen as kubectl, kind and k3d choose it (Go's
/// <c>golang.org/x/net/http/httpproxy</c>, <c>FromEnvironment</c> and <c>useProxy</c>):
/// <c>HTTPS_PROXY</c> for https addresses and <c>HTTP_PROXY</c> for http ones (or their lower-case
/// names), a value without a scheme meaning <c>http://</c>; never for <c>localhost</c> or a loopback
/// address (127.0.0.0/8, ::1), so the engine reaches its own cluster's API on 127.0.0.1 whatever
/// <c>NO_PROXY</c> says; not for the hosts <c>NO_PROXY</c> names (<c>*</c>, IP addresses, CIDR
/// ranges, domains with their subdomains, each optionally with a port). The variables are read from
/// an environment given to it, so the rule can be checked without changing the process's.
/// </summary>
public sealed class EnvironmentProxy : IWebProxy
{
    private readonly Uri? httpProxy;
    private readonly Uri? httpsProxy;
    private readonly List<Func<string, string, IPAddress?, bool>> bypass = [];

    /// <summary>Reads the proxy variables from <paramref name="environment"/> (a variable's value, or null).</summary>
    public EnvironmentProxy(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        httpProxy = Parse(Any(environment, "HTTP_PROXY", "http_proxy"));
        httpsProxy = Parse(Any(environment, "HTTPS_PROXY", "https_proxy"));
        foreach (var raw in (Any(environment, "NO_PROXY", "no_proxy") ?? string.Empty).Split(','))
        {
            AddBypass(raw.Trim().ToLowerInvariant());
        }

        Credentials = new ProxyCredentials(httpProxy, httpsProxy);
    }

    /// <summary>The proxy as this process's environment sets it now.</summary>
    public static EnvironmentProxy FromProcess() => new(Environment.GetEnvironmentVariable);

    /// <inheritdoc/>
    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy a request to <paramref name="destination"/> goes through, or null when it goes directly.</summary>
    public Uri? ProxyFor(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var proxy = destination.Scheme switch
        {
            "https" or "wss" => httpsProxy,
            "http" or "ws" => httpProxy,
            _ => null,
        };
        return proxy is not null && UsesProxy(destination) ? proxy : null;
    }

    /// <inheritdoc/>
    public Uri? GetProxy(Uri destination) => ProxyFor(destination);

    /// <inheritdoc/>
    public bool IsBypassed(Uri host) => ProxyFor(host) is null;

    /// <summary>Whether a request to <paramref name="destination"/> may use a proxy at all (Go's useProxy).</summary>
    private bool UsesProxy(Uri destination)
    {
        var host = destination.IdnHost.Trim('[', ']').ToLowerInvariant();
        if (host == "localhost")
        {
            return false;
        }

        var ip = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (ip is not null && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip))
        {
            return false;
        }

        var port = destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return !bypass.Any(matches => matches(host, port, ip));
    }

    private void AddBypass(string entry)
    {
        if (entry.Length == 0)
        {
            return;
        }

        if (entry == "*")
        {
            bypass.Add((_, _, _) => true);
            return;
        }

        if (IPNetwork.TryParse(entry, out var network))
        {
            bypass.Add((_, _, ip) => ip is not null && network.Contains(ip));
            return;
        }

        var (host, port) = SplitPort(entry);
        if (host.Length == 0)
        {
            return; // malformed: Go ignores it too
        }

        if (IPAddress.TryParse(host, out var address))
        {
            bypass.Add((_, p, ip) => ip is not null && ip.Equals(address) && (port is null || port == p));
            return;
        }

        // example.com and .example.com match example.com's subdomains (the first also the host itself); *.example.com is .example.com.
        var matchesHost = !host.StartsWith('.') && !host.StartsWith("*.", StringComparison.Ordinal);
        var suffix = host.StartsWith("*.", StringComparison.Ordinal) ? host[1..] : host.StartsWith('.') ? host : "." + host;
        bypass.Add((h, p, _) => (h.EndsWith(suffix, StringComparison.Ordinal) || (matchesHost && h == suffix[1..])) && (port is null || port == p));
    }

    // host:port, [v6]:port, or a host alone (a bare IPv6 address has colons but no port).
    private static (string Host, string? Port) SplitPort(string entry)
    {
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? (entry, null) : (entry[1..close], entry.Length > close + 2 && entry[close + 1] == ':' ? entry[(close + 2)..] : null);
        }

        var colon = entry.LastIndexOf(':');
        return colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon ? (entry[..colon], entry[(colon + 1)..]) : (entry, null);
    }

    private static string? Any(Func<string, string?> environment, params string[] names) =>
        names.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static Uri? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "socks5"
            ? uri
            : Uri.TryCreate("http://" + value, UriKind.Absolute, out var assumed) ? assumed : null;
    }

    // The user:password of a proxy address, for that proxy.
    private sealed class ProxyCredentials(params Uri?[] proxies) : ICredentials
    {
        public NetworkCredential? GetCredential(Uri uri, string authType)
        {
            var proxy = proxies.FirstOrDefault(p => p is not null && p.Host == uri.Host && p.Port == uri.Port && p.UserInfo.Length > 0);
            if (proxy is null)
            {
                return null;
            }

            var parts = proxy.UserInfo.Split(':', 2);
            return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }
    }
}
