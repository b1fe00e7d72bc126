using KSail.Core.Configuration;

namespace KSail.Core.Registries;

/// <summary>
/// The registry containers a declaration asks for, read as the loader reads ksail.yaml: the local
/// registry of <c>spec.cluster.localRegistry.registry</c> (or <c>--local-registry</c>) when it names
/// this machine, and one pull-through mirror per <c>--mirror-registry</c>. Every problem is reported
/// at its line or argument; secrets are read from the environment and never repeated.
/// </summary>
public static class RegistryDeclarations
{
    /// <summary>The image KSail runs for its registries (KSail's <c>RegistryImageName</c>).</summary>
    public const string DefaultImage = "registry:3";

    /// <summary>KSail.NET's environment variable that names another registry image (a mirror of it, or one loaded on an air-gapped host).</summary>
    public const string ImageVariable = "KSAIL_REGISTRY_IMAGE";

    /// <summary>The argument (and KSail's flag) that declares a mirror.</summary>
    public const string MirrorArgument = "--mirror-registry";

    /// <summary>The container name of a cluster's local registry (KSail's <c>BuildLocalRegistryName</c>).</summary>
    public static string LocalRegistryName(string cluster) => $"{cluster}-{RegistryContainer.LocalRegistryRole}";

    /// <summary>
    /// The container name of a cluster's mirror of <paramref name="host"/> (KSail's <c>BuildRegistryName</c>:
    /// the host with '/' and ':' as '-', dots kept, so <c>docker.io</c> still resolves on the network).
    /// </summary>
    public static string MirrorName(string cluster, string host) => $"{cluster}-{Sanitized(host)}";

    /// <summary>
    /// The volume of a mirror of <paramref name="host"/> (KSail's <c>GenerateVolumeName</c>: the host
    /// alone, shared by every cluster that mirrors it, so a cluster created later pulls nothing the
    /// cache holds).
    /// </summary>
    public static string MirrorVolume(string host) => Sanitized(host);

    /// <summary>The registry image: <see cref="ImageVariable"/> when set, else <see cref="DefaultImage"/>.</summary>
    public static string Image(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.GetValueOrDefault(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;
    }

    /// <summary>
    /// The registry containers of cluster <paramref name="cluster"/>. <paramref name="registry"/> is
    /// <c>spec.cluster.localRegistry.registry</c> after <c>${VAR}</c> expansion and
    /// <paramref name="written"/> the same as written (to tell a placeholder from a plain password);
    /// <paramref name="mirrors"/> the <c>--mirror-registry</c> values (an empty value turns mirrors
    /// off, as in KSail).
    /// </summary>
    public static IReadOnlyList<RegistryContainer> Resolve(
        string cluster,
        string? registry,
        string? written,
        SourceLocation registryAt,
        IReadOnlyList<string> mirrors,
        IReadOnlyDictionary<string, string?> environment,
        DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(registryAt);
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var image = Image(environment);
        var containers = new List<RegistryContainer>();
        if (registry is { Length: > 0 } && LocalRegistry(cluster, registry, written ?? registry, registryAt, image, diagnostics) is { } local)
        {
            containers.Add(local);
        }

        var at = SourceLocation.FromArgument(MirrorArgument);
        foreach (var text in mirrors.Where(m => m.Trim().Length > 0))
        {
            var (mirror, problem) = MirrorSpec.Parse(text);
            if (mirror is null)
            {
                diagnostics.Error(at, $"{MirrorArgument}: {problem}");
                continue;
            }

            if (containers.Find(c => c.Host == mirror.Host) is { } twice)
            {
                diagnostics.Error(at, $"{MirrorArgument}: {mirror.Host} is named twice (as {(twice.Role == RegistryContainer.MirrorRole ? "a mirror" : "the local registry")} already); name each registry host once");
                continue;
            }

            containers.Add(new RegistryContainer
            {
                Name = MirrorName(cluster, mirror.Host),
                Image = image,
                Volume = MirrorVolume(mirror.Host),
                Role = RegistryContainer.MirrorRole,
                Host = mirror.Host,
                Upstream = mirror.Upstream,
                Credentials = Credentials(mirror, environment, at, diagnostics),
                DeclaredAt = at,
            });
        }

        return containers;
    }

    // The local registry KSail runs for a localhost reference; a registry elsewhere is not run (GitOps reads it).
    private static RegistryContainer? LocalRegistry(string cluster, string registry, string written, SourceLocation at, string image, DiagnosticBag diagnostics)
    {
        const string Path = "spec.cluster.localRegistry.registry";
        if (RegistryReference.Problem(registry) is { } problem)
        {
            diagnostics.Error(at, $"{Path}: {problem}");
            return null;
        }

        if (RegistryReference.Credentials(written) is { } credentials)
        {
            if (credentials.Password.Length > 0 && !RegistryReference.IsVariable(credentials.Password))
            {
                diagnostics.Error(at, $"{Path} holds a password in plain text ('{RegistryReference.Redact(written)}'); name the environment variable that holds it instead, as {credentials.User}:${{PASSWORD_VARIABLE}}@{RegistryReference.Parse(written).ImageHost}");
                return null;
            }
        }

        var reference = RegistryReference.Parse(registry);
        if (!reference.IsLocal)
        {
            return null;
        }

        if (reference.HasCredentials)
        {
            diagnostics.Warning(at, $"the credentials in {Path} have no effect for a local registry: the registry KSail.NET runs on this machine asks for none; they are read and ignored");
        }

        return new RegistryContainer
        {
            Name = LocalRegistryName(cluster),
            Image = image,

            // One volume per cluster (KSail shares one, 'local-registry', among all clusters): a
            // '--delete-storage' then removes this cluster's images only, and never fails on a volume
            // another cluster's registry holds.
            Volume = LocalRegistryName(cluster),
            Role = RegistryContainer.LocalRegistryRole,
            Host = $"{reference.Host}:{reference.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            HostPort = reference.LocalPort,
            DeclaredAt = at,
        };
    }

    // A mirror's credentials: the user as written (or read from its ${VAR}) and the password's variable, read now.
    private static RegistryCredentials? Credentials(MirrorSpec mirror, IReadOnlyDictionary<string, string?> environment, SourceLocation at, DiagnosticBag diagnostics)
    {
        if (mirror.User is not { } user || mirror.PasswordVariable is not { } variable)
        {
            return null;
        }

        if (RegistryReference.IsVariable(user))
        {
            var userVariable = RegistryReference.VariableName(user);
            if (environment.GetValueOrDefault(userVariable) is not { Length: > 0 } value)
            {
                diagnostics.Error(at, $"{MirrorArgument} {mirror}: the environment variable {userVariable} (the user for {mirror.Host}) is not set; set it, or write the user name itself");
                return null;
            }

            user = value;
        }

        if (environment.GetValueOrDefault(variable) is not { Length: > 0 } password)
        {
            diagnostics.Error(at, $"{MirrorArgument} {mirror}: the environment variable {variable} (the password for {mirror.Host}) is not set; set it before the create");
            return null;
        }

        return new RegistryCredentials(user, variable, password);
    }

    private static string Sanitized(string host) => host.Replace('/', '-').Replace(':', '-');
}
