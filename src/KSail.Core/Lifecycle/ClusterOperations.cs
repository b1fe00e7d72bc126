using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Lifecycle;

/// <summary>Which cluster a build-script call means: a ksail.yaml plus values set by the caller.</summary>
/// <remarks>
/// The build integrations (Cake, Nuke) turn their settings into one of these; precedence is the
/// CLI's: <see cref="Overrides"/> &gt; <c>KSAIL_*</c> environment &gt; file &gt; defaults.
/// </remarks>
public sealed record ClusterRequest
{
    /// <summary>The ksail.yaml; when null, the nearest one at or above <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where relative paths start and ksail.yaml is looked for.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The environment <c>KSAIL_*</c> values are read from (default: this process's).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = ClusterLoadOptions.ReadProcessEnvironment();

    /// <summary>ksail.yaml fields set by the caller, e.g. <c>spec.cluster.workers</c> = <c>2</c>.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>Keep what was created when a step fails, for debugging.</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>What to do when a cluster of the declared name exists already.</summary>
    public ExistingClusterPolicy IfExists { get; init; }

    /// <summary>Reads and validates the declaration (throws <see cref="ConfigurationException"/> with file, line and column).</summary>
    public ClusterDefinition Load() => ClusterConfigLoader.Load(new ClusterLoadOptions
    {
        ConfigPath = ConfigPath,
        WorkingDirectory = WorkingDirectory,
        Environment = Environment,
        Overrides = Overrides,
    });
}

/// <summary>A running cluster as a build script uses it.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Distribution">Vanilla or K3s.</param>
/// <param name="KubeconfigPath">The kubeconfig file that holds <paramref name="ContextName"/>.</param>
/// <param name="ContextName">The context, e.g. <c>kind-dev</c>.</param>
/// <param name="Server">The API server's address.</param>
public sealed record ClusterHandle(string Name, Distribution Distribution, string KubeconfigPath, string ContextName, Uri Server);

/// <summary>
/// The lifecycle calls a build script makes (create, wait, info, kubeconfig, delete, and a
/// cluster around an action), on the engine the CLI uses; surfaces add only their settings and logs.
/// </summary>
public static class ClusterOperations
{
    /// <summary>Creates the declared cluster and waits until it is stable (and GitOps is ready when declared).</summary>
    public static async Task<ClusterHandle> CreateAsync(ClusterRequest request, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        ReportWarnings(definition, progress);
        using var docker = await ProviderFactory.Default.ConnectAsync(definition.Provider, progress, ct).ConfigureAwait(false);
        var created = await new ClusterLifecycle(docker, progress)
            .CreateAsync(definition, new CreateOptions { KeepOnFailure = request.KeepOnFailure, IfExists = request.IfExists }, ct)
            .ConfigureAwait(false);
        return new ClusterHandle(created.Name, definition.Distribution, definition.KubeconfigPath, created.ContextName, created.Server);
    }

    /// <summary>Waits until the declared, running cluster passes the stability check (and GitOps readiness when declared).</summary>
    public static async Task WaitReadyAsync(ClusterRequest request, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        using var docker = await ProviderFactory.Default.ConnectAsync(definition.Provider, progress, ct).ConfigureAwait(false);
        await new ClusterLifecycle(docker, progress).WaitReadyAsync(definition, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the declared cluster and its kubeconfig context; returns what was removed (empty when it did not exist).</summary>
    public static async Task<IReadOnlyList<string>> DeleteAsync(ClusterRequest request, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        return await DeleteAsync(definition.Name, definition.KubeconfigPath, progress, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a cluster by name; <paramref name="kubeconfigPath"/> is the file its context is removed from.</summary>
    public static async Task<IReadOnlyList<string>> DeleteAsync(string name, string? kubeconfigPath, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        using var docker = await ProviderFactory.Default.ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker, progress).DeleteAsync(name, kubeconfigPath, ct).ConfigureAwait(false);
    }

    /// <summary>The declared cluster's nodes, or null when no such cluster exists.</summary>
    public static async Task<ClusterSummary?> InfoAsync(ClusterRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        var name = definition.Name;
        using var docker = await ProviderFactory.Default.ConnectAsync(definition.Provider, ct: ct).ConfigureAwait(false);
        return (await new ClusterLifecycle(docker).ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(c => c.Name == name);
    }

    /// <summary>
    /// Exports the running cluster's kubeconfig to <paramref name="outputPath"/> (mode 0600; default:
    /// the declaration's kubeconfig, merged without touching its other entries).
    /// </summary>
    public static async Task<ClusterHandle> KubeconfigAsync(ClusterRequest request, string? outputPath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        using var docker = await ProviderFactory.Default.ConnectAsync(definition.Provider, ct: ct).ConfigureAwait(false);
        var exported = await new ClusterLifecycle(docker).KubeconfigAsync(definition.Name, ct).ConfigureAwait(false);
        string path;
        if (outputPath is null)
        {
            path = definition.KubeconfigPath;
            Kubeconfig.Kubeconfigs.MergeInto(path, exported.Kubeconfig);
        }
        else
        {
            path = Path.GetFullPath(outputPath, request.WorkingDirectory);
            Kubeconfig.Kubeconfigs.WriteAtomically(path, exported.Kubeconfig);
        }

        return new ClusterHandle(exported.Name, definition.Distribution, path, exported.ContextName, exported.Server);
    }

    /// <summary>
    /// Creates the cluster, runs <paramref name="action"/> with it, and deletes it afterwards
    /// whatever the action does (fails, throws or is cancelled). A create that fails cleans up
    /// after itself (unless <see cref="ClusterRequest.KeepOnFailure"/>); a cluster of that name
    /// that existed before is refused and never deleted.
    /// </summary>
    public static async Task<T> WithClusterAsync<T>(ClusterRequest request, Func<ClusterHandle, CancellationToken, Task<T>> action, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        var handle = await CreateAsync(request, progress, ct).ConfigureAwait(false);
        try
        {
            return await action(handle, ct).ConfigureAwait(false);
        }
        finally
        {
            // The teardown runs even when the caller's token is cancelled.
            progress?.Report(new ProgressEvent("teardown", $"deleting cluster {handle.Name}"));
            await DeleteAsync(handle.Name, handle.KubeconfigPath, progress, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void ReportWarnings(ClusterDefinition definition, IProgress<ProgressEvent>? progress)
    {
        foreach (var warning in definition.Warnings)
        {
            progress?.Report(new ProgressEvent("config", warning.ToString(), ProgressLevel.Warning));
        }
    }
}
