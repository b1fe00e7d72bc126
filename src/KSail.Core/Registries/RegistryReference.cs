using System.Globalization;
using System.Text.RegularExpressions;

namespace KSail.Core.Registries;

/// <summary>
/// A registry as ksail.yaml and <c>--local-registry</c> name it: <c>[user:pass@]host[:port][/path]</c>
/// (KSail's <c>pkg/apis/cluster/v1alpha1/local_registry.go</c>, <c>LocalRegistry.Parse</c>).
/// </summary>
/// <param name="Host">The host.</param>
/// <param name="Port">The port, when named.</param>
/// <param name="Path">The repository path, when named (without leading '/').</param>
/// <param name="HasCredentials">Whether user and password are embedded.</param>
public sealed partial record RegistryReference(string Host, int? Port, string? Path, bool HasCredentials)
{
    /// <summary>The port KSail gives a local registry that names none (KSail's <c>DefaultLocalRegistryPort</c>).</summary>
    public const int DefaultLocalPort = 5000;

    /// <summary>What replaces a password when a reference is shown or saved.</summary>
    public const string RedactedPassword = "<redacted>";

    /// <summary>Whether the registry is one KSail runs on this machine (localhost), not an existing one.</summary>
    public bool IsLocal => Host is "localhost" or "127.0.0.1" or "[::1]" || Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host port of a local registry: the port named, else KSail's 5000.</summary>
    public int LocalPort => Port ?? DefaultLocalPort;

    /// <summary>The registry as image names spell it: the host, and the port when one is named (<c>localhost:5050</c>).</summary>
    public string ImageHost => Port is { } p ? $"{Host}:{p.ToString(CultureInfo.InvariantCulture)}" : Host;

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
        int? port = colon > 0 && !hostPort.EndsWith(']') && int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        var host = port is null ? hostPort : hostPort[..colon];
        return new RegistryReference(host.ToLowerInvariant(), port, string.IsNullOrEmpty(path) ? null : path, at >= 0);
    }

    /// <summary>
    /// What is wrong with <paramref name="text"/> as a registry reference (a host that is not a DNS name
    /// or address, a port outside 1-65535), or null when it is one.
    /// </summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var rest = at >= 0 ? text[(at + 1)..] : text;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        if (!HostPattern().IsMatch(hostPort))
        {
            return $"'{hostPort}' is not a registry host: write [user:pass@]host[:port][/path], e.g. localhost:5050 or ghcr.io/my-org";
        }

        var reference = Parse(text);
        return reference.Port is < 1 or > 65535
            ? $"the port {reference.Port} of '{hostPort}' is not between 1 and 65535"
            : null;
    }

    /// <summary>
    /// The credentials part of <paramref name="text"/> (before the last '@') split at its first ':' as
    /// KSail splits it, or null when the reference embeds none. The text is as written, before
    /// <c>${VAR}</c> expansion.
    /// </summary>
    public static (string User, string Password)? Credentials(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        var credentials = text[..at];
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (credentials, string.Empty) : (credentials[..colon], credentials[(colon + 1)..]);
    }

    /// <summary>Whether <paramref name="value"/> is one <c>${VAR}</c> placeholder and nothing else (the only way a password may be written).</summary>
    public static bool IsVariable(string value) => VariablePattern().IsMatch(value ?? string.Empty);

    /// <summary>The name of the variable in a <c>${VAR}</c> placeholder (see <see cref="IsVariable"/>).</summary>
    public static string VariableName(string placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        return VariablePattern().Match(placeholder).Groups["name"].Value;
    }

    /// <summary>
    /// <paramref name="text"/> with its password replaced by <see cref="RedactedPassword"/>, as KSail's
    /// <c>RedactRegistryCredentials</c> masks it; text without an embedded password is returned as is.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        if (at <= 0)
        {
            return text;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || colon >= at || colon == at - 1 ? text : text[..(colon + 1)] + RedactedPassword + text[at..];
    }

    /// <summary>The OCI repository of the workload: the registry's path, or <paramref name="name"/> when it names none.</summary>
    public string OciUrl(string name) => $"oci://{ImageHost}/{Path ?? name}";

    // A DNS name (components of letters, digits and '-', joined by '.') or an IPv4 address, or [IPv6], with an optional port.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}$", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();
}
