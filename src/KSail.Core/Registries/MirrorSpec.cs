using System.Text.RegularExpressions;

namespace KSail.Core.Registries;

/// <summary>
/// One pull-through mirror as KSail's <c>--mirror-registry</c> names it,
/// <c>[user:pass@]host[=upstream]</c> (KSail's <c>pkg/svc/provisioner/registry/mirror_specs.go</c>,
/// <c>splitMirrorSpec</c>): images named <see cref="Host"/><c>/…</c> are pulled through a registry
/// container that caches <see cref="Upstream"/>.
/// </summary>
/// <param name="Host">The registry host as image names spell it (<c>docker.io</c>, <c>ghcr.io</c>, <c>registry.example:5000</c>).</param>
/// <param name="Upstream">The URL the mirror pulls from (<c>https://registry-1.docker.io</c>).</param>
/// <param name="User">The user name for the upstream, as written (plain or <c>${VAR}</c>), or null.</param>
/// <param name="PasswordVariable">The environment variable holding the upstream's password, or null.</param>
public sealed partial record MirrorSpec(string Host, string Upstream, string? User, string? PasswordVariable)
{
    /// <summary>The upstream KSail gives a host written without one (KSail's <c>GenerateUpstreamURL</c>).</summary>
    public static string DefaultUpstream(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host == "docker.io" ? "https://registry-1.docker.io" : "https://" + host;
    }

    /// <summary>
    /// Reads one <c>[user:pass@]host[=upstream]</c>: credentials only before '=' (an upstream URL may
    /// hold an '@'), the password one <c>${VAR}</c> placeholder (read when the mirror starts, never
    /// written anywhere), the host a registry host, the upstream an http or https URL.
    /// </summary>
    /// <returns>The mirror, or the problem with <paramref name="text"/>.</returns>
    public static (MirrorSpec? Mirror, string? Problem) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spec = text.Trim();
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var beforeUpstream = equals >= 0 ? spec[..equals] : spec;
        var at = beforeUpstream.IndexOf('@', StringComparison.Ordinal);
        string? user = null;
        string? passwordVariable = null;
        if (at >= 0)
        {
            var credentials = beforeUpstream[..at];
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            var password = colon < 0 ? string.Empty : credentials[(colon + 1)..];
            user = colon < 0 ? credentials : credentials[..colon];
            if (user.Length == 0 || password.Length == 0)
            {
                return (null, $"'{Shown(text)}' names credentials without {(user.Length == 0 ? "a user" : "a password")}: write user:${{PASSWORD_VARIABLE}}@host");
            }

            if (!RegistryReference.IsVariable(password))
            {
                return (null, $"'{Shown(text)}' holds a password in plain text; name the environment variable that holds it instead, as user:${{PASSWORD_VARIABLE}}@{beforeUpstream[(at + 1)..]} (quoted, so the shell leaves it to KSail.NET)");
            }

            passwordVariable = RegistryReference.VariableName(password);
            spec = spec[(at + 1)..];
            equals = spec.IndexOf('=', StringComparison.Ordinal);
        }

        var host = (equals >= 0 ? spec[..equals] : spec).Trim();
        var upstream = equals >= 0 ? spec[(equals + 1)..].Trim() : null;
        if (!HostPattern().IsMatch(host) || (host.LastIndexOf(':') is > 0 and var portAt && int.Parse(host[(portAt + 1)..], System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 65535))
        {
            return (null, $"'{host}' in '{Shown(text)}' is not a registry host as image names spell it (e.g. docker.io, ghcr.io, registry.example.com:5000): write [user:pass@]host[=upstream]");
        }

        if (upstream is not null
            && (!Uri.TryCreate(upstream, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0 || url.UserInfo.Length > 0))
        {
            return (null, $"the upstream '{RegistryReference.Redact(upstream)}' in '{Shown(text)}' is not an http:// or https:// URL of a registry (credentials go before the host: user:${{PASSWORD_VARIABLE}}@host=URL)");
        }

        return (new MirrorSpec(host.ToLowerInvariant(), upstream?.TrimEnd('/') ?? DefaultUpstream(host.ToLowerInvariant()), user, passwordVariable), null);
    }

    /// <summary>The mirror as <c>--mirror-registry</c> would name it, with the password's variable, never its value.</summary>
    public override string ToString() =>
        (User is null ? string.Empty : $"{User}:${{{PasswordVariable}}}@") + Host + "=" + Upstream;

    // The text of a spec as an error shows it: a plain password is never repeated back.
    private static string Shown(string text) =>
        string.Join('=', text.Split('=', 2).Select(RegistryReference.Redact));

    // A registry host as the distribution reference grammar spells a domain: DNS components and an optional port.
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
