using System.Globalization;
using KSail.Core.Configuration;

namespace KSail.Core.Workloads;

/// <summary>
/// The argument of <c>ksail workload push</c>, <c>oci://host[:port]/repository[/variant][:ref]</c>, read as
/// KSail reads it (<c>pkg/client/oci/reference.go</c>, <c>ParseReference</c>): the host and port before the
/// first '/', the ref after the last ':' of the rest, the repository up to its first '/' and the variant after.
/// </summary>
/// <param name="Host">The registry host.</param>
/// <param name="Port">The port, when named.</param>
/// <param name="Repository">The repository (empty when only a host was named).</param>
/// <param name="Variant">The variant (a path under the repository), when named.</param>
/// <param name="Ref">The tag, when named.</param>
public sealed record OciReference(string Host, int? Port, string Repository, string? Variant, string? Ref)
{
    /// <summary>The scheme every reference starts with.</summary>
    public const string Scheme = "oci://";

    /// <summary>The repository with its variant (<c>my-app/base</c>), or null when none was named.</summary>
    public string? FullRepository => Repository.Length == 0 ? null : Variant is { Length: > 0 } v ? $"{Repository}/{v}" : Repository;

    /// <summary>Reads <paramref name="text"/>, the command's argument.</summary>
    /// <exception cref="ConfigurationException">It is not an <c>oci://</c> reference, or its port is not a port (exit code 3).</exception>
    public static OciReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = SourceLocation.FromArgument("reference");
        const string Form = "write oci://host:port/repository[/variant]:ref, e.g. oci://localhost:5050/k8s:dev";
        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new ConfigurationException(at, $"'{text}' is not an OCI reference: it must start with {Scheme}; {Form}");
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (rest.Length == 0 || slash <= 0)
        {
            throw new ConfigurationException(at, $"'{text}' names no repository; {Form}");
        }

        var hostPort = rest[..slash];
        var colon = hostPort.LastIndexOf(':');
        int? port = null;
        if (colon >= 0)
        {
            if (!int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                throw new ConfigurationException(at, $"'{hostPort[(colon + 1)..]}' in '{text}' is not a port between 1 and 65535; {Form}");
            }

            port = p;
            hostPort = hostPort[..colon];
        }

        var pathAndRef = rest[(slash + 1)..];
        var refColon = pathAndRef.LastIndexOf(':');
        var path = refColon >= 0 ? pathAndRef[..refColon] : pathAndRef;
        var reference = refColon >= 0 ? pathAndRef[(refColon + 1)..] : null;
        var variantSlash = path.IndexOf('/', StringComparison.Ordinal);
        return new OciReference(
            hostPort.ToLowerInvariant(),
            port,
            variantSlash >= 0 ? path[..variantSlash] : path,
            variantSlash >= 0 ? path[(variantSlash + 1)..] : null,
            string.IsNullOrEmpty(reference) ? null : reference);
    }
}
