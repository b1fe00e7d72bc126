namespace KSail.Core.Components;

/// <summary>A registry as ksail.yaml names it: <c>[user:pass@]host[:port][/path]</c>.</summary>
/// <param name="Host">The host.</param>
/// <param name="Port">The port, when named.</param>
/// <param name="Path">The repository path, when named (without leading '/').</param>
/// <param name="HasCredentials">Whether user and password are embedded.</param>
public sealed record RegistryReference(string Host, int? Port, string? Path, bool HasCredentials)
{
    /// <summary>Whether the registry is one KSail runs on this machine (localhost), not an existing one.</summary>
    public bool IsLocal => Host is "localhost" or "127.0.0.1" or "[::1]" || Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a registry reference.</summary>
    public static RegistryReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var rest = at >= 0 ? text[(at + 1)..] : text;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..].Trim('/') : null;
        var colon = hostPort.LastIndexOf(':');
        int? port = colon > 0 && !hostPort.EndsWith(']') && int.TryParse(hostPort[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
        var host = port is null ? hostPort : hostPort[..colon];
        return new RegistryReference(host.ToLowerInvariant(), port, string.IsNullOrEmpty(path) ? null : path, at >= 0);
    }

    /// <summary>The OCI repository of the workload: the registry's path, or <paramref name="name"/> when it names none.</summary>
    public string OciUrl(string name) => $"oci://{Host}{(Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}/{Path ?? name}";
}
