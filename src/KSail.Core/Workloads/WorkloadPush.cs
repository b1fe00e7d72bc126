using System.Globalization;
using System.Text;
using KSail.Core.Configuration;
using KSail.Core.Providers;
using KSail.Core.Registries;

namespace KSail.Core.Workloads;

/// <summary>
/// <c>ksail workload push</c> and create's push: where the artifact goes, found as KSail finds it
/// (<c>pkg/cli/cmd/workload/push.go</c>, <c>resolvePushParams</c>; <c>pkg/svc/registryresolver/oci.go</c>),
/// then the pack and the push. The registry: a reference naming host and port as named; else
/// <c>--registry</c> or <c>KSAIL_REGISTRY</c>; else <c>spec.cluster.localRegistry.registry</c> (a local
/// one at its running container's host port, an existing one as written); else a running
/// <c>&lt;cluster&gt;-local-registry</c>. The repository: the reference's, else the registry's path,
/// else the source directory's name as written (KSail's <c>SanitizeRepoName</c>). The tag: the
/// reference's, else <c>spec.workload.tag</c>, else <c>dev</c>. The same rule names what the GitOps
/// bootstrap points the engine at (<see cref="Repository"/>, <see cref="Tag"/>).
/// </summary>
internal static class WorkloadPush
{
    /// <summary>The variable naming the registry when <c>--registry</c> does not (KSail's <c>KSAIL_REGISTRY</c>).</summary>
    public const string RegistryVariable = "KSAIL_REGISTRY";

    /// <summary>The tag when none is named (KSail's <c>DefaultLocalArtifactTag</c>).</summary>
    public const string DefaultTag = "dev";

    /// <summary>The repository when no name can be derived (KSail's <c>DefaultRepoName</c>).</summary>
    public const string DefaultRepository = "ksail-workloads";

    /// <summary>The progress step of a push.</summary>
    public const string Step = "push workload";

    /// <summary>
    /// The repository of the cluster's workload in its declared registry: the registry's path, else
    /// for a local registry the source directory's name as written (KSail's <c>buildLocalRegistryURL</c>),
    /// for an existing one the cluster's name.
    /// </summary>
    public static string Repository(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var registry = cluster.Declared.Spec?.Cluster?.LocalRegistry?.Registry is { Length: > 0 } text ? RegistryReference.Parse(text) : null;
        return registry?.Path ?? (registry is null || registry.IsLocal ? RepositoryName(DeclaredSourceDirectory(cluster)) : cluster.Name);
    }

    /// <summary>The tag of the cluster's workload: <c>spec.workload.tag</c>, else <c>dev</c>.</summary>
    public static string Tag(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Declared.Spec?.Workload?.Tag is { Length: > 0 } tag ? tag : DefaultTag;
    }

    /// <summary>A directory as written turned into a repository name (KSail's <c>SanitizeRepoName</c>: a DNS label).</summary>
    public static string RepositoryName(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var name = new StringBuilder();
        foreach (var c in directory.Trim().ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                name.Append(c);
            }
            else if (name.Length == 0 || name[^1] != '-')
            {
                name.Append('-');
            }
        }

        var label = name.ToString().Trim('-');
        label = label.Length > 63 ? label[..63].Trim('-') : label;
        return label.Length == 0 ? DefaultRepository : label;
    }

    /// <summary>
    /// Packs and pushes the workload of <paramref name="cluster"/> as <paramref name="options"/> say.
    /// </summary>
    /// <param name="cluster">The declared cluster.</param>
    /// <param name="options">The command's options.</param>
    /// <param name="environment">The environment (<c>KSAIL_REGISTRY</c>, a password's <c>${VAR}</c>).</param>
    /// <param name="connect">Connects to the provider, when the local registry must be found.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="emptyWhenMissing">Push an empty kustomization when the source directory does not exist (create's push, as KSail's).</param>
    /// <param name="ct">Cancels the push.</param>
    public static async Task<WorkloadPushReport> RunAsync(
        ClusterDefinition cluster,
        WorkloadPushOptions options,
        IReadOnlyDictionary<string, string?> environment,
        Func<CancellationToken, Task<IProvider>> connect,
        IProgress<ProgressEvent>? progress,
        bool emptyWhenMissing,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(connect);
        var reference = options.Reference is { Length: > 0 } written ? OciReference.Parse(written) : null;
        // --path as written names the repository as KSail names it ("manifests", "deploy/k8s" -> "deploy-k8s"); a full path by its last directory.
        var (sourceText, source, sourceAt) = options.Path is { Length: > 0 } path
            ? (Path.IsPathRooted(path) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) : path, Path.GetFullPath(path), SourceLocation.FromArgument("--path"))
            : (DeclaredSourceDirectory(cluster), cluster.SourceDirectory, SourceLocation.StartOf(cluster.ConfigFile));

        var target = await TargetAsync(cluster, reference, options.Registry, environment, connect, ct).ConfigureAwait(false);
        var repository = reference?.FullRepository ?? target.Path ?? RepositoryName(sourceText);
        var tag = reference?.Ref ?? Tag(cluster);

        WorkloadArtifact artifact;
        if (emptyWhenMissing && !Directory.Exists(source))
        {
            progress?.Report(new ProgressEvent(Step, $"the source directory {source} does not exist: pushing an empty kustomization.yaml, so the GitOps engine has a workload to reconcile; add your manifests there and run 'ksail workload push'", ProgressLevel.Warning));
            artifact = WorkloadArtifact.Empty();
        }
        else
        {
            artifact = WorkloadArtifact.Pack(source, sourceAt);
        }

        var display = $"oci://{target.Display}/{repository}:{tag}";
        progress?.Report(new ProgressEvent(Step, $"pushing {artifact.Files.Count} manifest file(s) from {source} to {display} (from {target.Source})"));
        using (var client = new OciRegistryClient(target.BaseAddress, repository, target.Credentials))
        {
            await client.PushBlobAsync(artifact.Layer, "layer", ct).ConfigureAwait(false);
            await client.PushBlobAsync(artifact.Config, "config", ct).ConfigureAwait(false);
            await client.PushManifestAsync(artifact.Manifest, WorkloadArtifact.ManifestMediaType, tag, ct).ConfigureAwait(false);
        }

        progress?.Report(new ProgressEvent(Step, $"pushed {display}@{artifact.Digest}"));
        return new WorkloadPushReport(display, repository, tag, artifact.Digest, artifact.Files);
    }

    private static string DeclaredSourceDirectory(ClusterDefinition cluster) =>
        cluster.Declared.Spec?.Workload?.SourceDirectory is { Length: > 0 } declared ? declared : "k8s";

    private static async Task<Target> TargetAsync(
        ClusterDefinition cluster,
        OciReference? reference,
        string? registryOption,
        IReadOnlyDictionary<string, string?> environment,
        Func<CancellationToken, Task<IProvider>> connect,
        CancellationToken ct)
    {
        // A reference with host and port is used as named (KSail's newPushParamsFromOCIRef).
        if (reference is { Port: { } port })
        {
            return Target.Of(reference.Host, port, null, null, "the reference");
        }

        (string Text, SourceLocation At)? named = registryOption is { Length: > 0 } option ? (option, SourceLocation.FromArgument("--registry"))
            : environment.GetValueOrDefault(RegistryVariable) is { Length: > 0 } variable ? (variable, SourceLocation.FromEnvironment(RegistryVariable))
            : null;
        var declared = cluster.Declared.Spec?.Cluster?.LocalRegistry?.Registry is { Length: > 0 } d ? d : null;
        Target target;
        if (named is { } n)
        {
            target = Explicit(n.Text, n.At, n.At.File, environment);
        }
        else if (declared is not null && !RegistryReference.Parse(declared).IsLocal)
        {
            target = Explicit(declared, SourceLocation.StartOf(cluster.ConfigFile), "spec.cluster.localRegistry.registry", environment);
        }
        else
        {
            target = await LocalAsync(cluster, declared, connect, ct).ConfigureAwait(false);
        }

        // A reference without a port overrides the host (KSail's applyOCIRefOverrides).
        return reference is null || reference.Host.Length == 0 || reference.Host == target.Host ? target : Target.Of(reference.Host, null, target.Path, target.Credentials, "the reference");
    }

    // A registry named as [user:pass@]host[:port][/path]: its password as written, or read from its ${VAR}.
    private static Target Explicit(string text, SourceLocation at, string source, IReadOnlyDictionary<string, string?> environment)
    {
        if (RegistryReference.Problem(text) is { } problem)
        {
            throw new ConfigurationException(at, $"{RegistryReference.Redact(text)}: {problem}");
        }

        var registry = RegistryReference.Parse(text);
        (string, string)? credentials = null;
        if (RegistryReference.Credentials(text) is { } written)
        {
            credentials = (Expand(written.User, at, environment), Expand(written.Password, at, environment));
        }

        return Target.Of(registry.Host, registry.Port ?? (registry.IsLocal ? RegistryReference.DefaultLocalPort : null), registry.Path, credentials, source);
    }

    private static string Expand(string value, SourceLocation at, IReadOnlyDictionary<string, string?> environment)
    {
        if (!RegistryReference.IsVariable(value))
        {
            return value;
        }

        var variable = RegistryReference.VariableName(value);
        return environment.GetValueOrDefault(variable) is { Length: > 0 } set
            ? set
            : throw new ConfigurationException(at, $"the registry's credentials name the environment variable {variable}, which is not set; export it before pushing");
    }

    // The cluster's running local registry, at the host port Docker published it on (KSail's detection from Docker containers).
    private static async Task<Target> LocalAsync(ClusterDefinition cluster, string? declared, Func<CancellationToken, Task<IProvider>> connect, CancellationToken ct)
    {
        var name = RegistryDeclarations.LocalRegistryName(cluster.Name);
        var provider = await connect(ct).ConfigureAwait(false);
        if (await ClusterRegistries.RunningLocalRegistryPortAsync(provider, cluster.Name, ct).ConfigureAwait(false) is { } port)
        {
            var path = declared is null ? null : RegistryReference.Parse(declared).Path;
            return Target.Of("localhost", port, path, null, $"the local registry {name}");
        }

        var at = declared is null ? SourceLocation.FromArgument("--registry") : SourceLocation.StartOf(cluster.ConfigFile);
        throw new ConfigurationException(at, declared is null
            ? $"no registry to push to: cluster '{cluster.Name}' has no local registry (spec.cluster.localRegistry.registry, --local-registry) and none was named; name one with --registry [user:pass@]host[:port][/path] or KSAIL_REGISTRY, or push to oci://host:port/repository:ref"
            : $"the local registry {name} of cluster '{cluster.Name}' is not running; create the cluster ('ksail cluster create') or start it ('ksail cluster start'), or name another registry with --registry");
    }

    // Where the push goes: plain HTTP for a registry on this machine (the local registry), HTTPS otherwise.
    private sealed record Target(string Host, int? Port, string? Path, (string User, string Password)? Credentials, string Source, Uri BaseAddress, string Display)
    {
        public static Target Of(string host, int? port, string? path, (string User, string Password)? credentials, string source)
        {
            var local = new RegistryReference(host, port, path, credentials is not null).IsLocal;
            var portText = port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;

            // localhost is dialled as 127.0.0.1: the local registry is published there only, and localhost may resolve to ::1 first.
            var dial = host == "localhost" ? RegistryContainer.HostAddress : host;
            return new Target(host, port, path, credentials, source, new Uri($"{(local ? "http" : "https")}://{dial}{portText}/"), host + portText);
        }

        // Never the credentials.
        public override string ToString() => Display;
    }
}
