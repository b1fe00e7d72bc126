using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Lifecycle;

/// <summary>
/// The one entry point of every surface (the CLI, Cake, NUKE): create, wait, info, kubeconfig,
/// delete, a cluster around an action, and (in the other parts of this class) the CLI's list,
/// start/stop, diagnose, update and test sessions. Surfaces map their inputs to a request or a
/// declaration, call one of these, and render the result; the provider and the provisioners are
/// reached only from here.
/// </summary>
public static partial class ClusterOperations
{
    /// <summary>Creates the declared cluster and waits until it is stable (and GitOps is ready when declared).</summary>
    public static async Task<ClusterHandle> CreateAsync(ClusterRequest request, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        ReportWarnings(definition, progress);
        var created = await CreateAsync(definition, new CreateOptions { KeepOnFailure = request.KeepOnFailure, IfExists = request.IfExists, Images = request.Images }, progress, ct)
            .ConfigureAwait(false);
        return new ClusterHandle(created.Name, definition.Distribution, definition.KubeconfigPath, created.ContextName, created.Server);
    }

    /// <summary>Waits until the declared, running cluster passes the stability check (and GitOps readiness when declared).</summary>
    public static async Task WaitReadyAsync(ClusterRequest request, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await WaitReadyAsync(request.Load(), progress, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the declared cluster and its kubeconfig context (and with <see cref="ClusterRequest.DeleteStorage"/>
    /// its registries' volumes); returns what was removed (empty when it did not exist).
    /// </summary>
    public static async Task<IReadOnlyList<string>> DeleteAsync(ClusterRequest request, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker, progress).DeleteAsync(definition.Name, definition.KubeconfigPath, request.DeleteStorage, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a cluster by name; <paramref name="kubeconfigPath"/> is the file its context is removed from.</summary>
    public static async Task<IReadOnlyList<string>> DeleteAsync(string name, string? kubeconfigPath, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker, progress).DeleteAsync(name, kubeconfigPath, ct).ConfigureAwait(false);
    }

    /// <summary>The declared cluster's nodes, or null when no such cluster exists.</summary>
    public static async Task<ClusterSummary?> InfoAsync(ClusterRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Load().Name;
        return (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(c => c.Name == name);
    }

    /// <summary>
    /// Exports the running cluster's kubeconfig to <paramref name="outputPath"/> (mode 0600; default:
    /// the declaration's kubeconfig, merged without touching its other entries).
    /// </summary>
    public static async Task<ClusterHandle> KubeconfigAsync(ClusterRequest request, string? outputPath = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Load();
        var exported = await ExportKubeconfigAsync(definition.Name, ct).ConfigureAwait(false);
        string path;
        if (outputPath is null)
        {
            path = definition.KubeconfigPath;
            await Kubeconfig.Kubeconfigs.MergeIntoAsync(path, exported.Kubeconfig, ct: ct).ConfigureAwait(false);
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

    /// <summary>
    /// The provider every call of this class (and the reaper) works on, connected by
    /// <c>spec.cluster.provider</c> (<see cref="ProviderFactory.DefaultProvider"/> where a call has only
    /// a cluster's name): the one place in Core that connects to a provider.
    /// </summary>
    internal static Task<IContainerProvider> ConnectAsync(Provider provider, IProgress<ProgressEvent>? progress, CancellationToken ct) =>
        ProviderFactory.Default.ConnectAsync(provider, progress, ct);

    private static void ReportWarnings(ClusterDefinition definition, IProgress<ProgressEvent>? progress)
    {
        foreach (var warning in definition.Warnings)
        {
            progress?.Report(new ProgressEvent("config", warning.ToString(), ProgressLevel.Warning));
        }
    }
}
