using KSail.Core.Providers;
using KSail.Core.Configuration;
using KSail.Core.Distributions;
using KSail.Core.Readiness;

namespace KSail.Core.Lifecycle;

/// <content>The calls of the CLI's cluster commands, on a loaded declaration or a cluster name.</content>
public static partial class ClusterOperations
{
    /// <summary>
    /// Creates the declared cluster (<c>cluster create</c>): what to do when it exists, a time to
    /// live and the reaper come with <paramref name="options"/>.
    /// </summary>
    /// <exception cref="ProvisioningException">A step failed (exit code 5).</exception>
    public static async Task<CreatedCluster> CreateAsync(ClusterDefinition definition, CreateOptions options, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        using var docker = await ConnectAsync(definition.Provider, progress, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker, progress).CreateAsync(definition, options, ct).ConfigureAwait(false);
    }

    /// <summary>Waits until the declared, running cluster passes the stability check (and GitOps readiness when declared).</summary>
    public static async Task WaitReadyAsync(ClusterDefinition definition, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var docker = await ConnectAsync(definition.Provider, progress, ct).ConfigureAwait(false);
        await new ClusterLifecycle(docker, progress).WaitReadyAsync(definition, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the cluster <paramref name="resolve"/> names (<c>cluster delete</c>). The connection
    /// to the engine (mostly the Docker client's start-up) is made while <paramref name="resolve"/>
    /// runs, typically reading a declaration; when it gives null, nothing is deleted, the connection
    /// is not waited for, and the result is null.
    /// </summary>
    /// <returns>What was removed (empty when no such cluster exists), or null when <paramref name="resolve"/> gave no cluster.</returns>
    public static async Task<IReadOnlyList<string>?> DeleteAsync(Func<DeleteTarget?> resolve, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        var connecting = Task.Run(() => ConnectAsync(ProviderFactory.DefaultProvider, progress, ct), ct);
        DeleteTarget? target;
        try
        {
            target = resolve();
        }
        catch
        {
            DisposeWhenConnected(connecting);
            throw;
        }

        if (target is null)
        {
            DisposeWhenConnected(connecting);
            return null;
        }

        using var docker = await connecting.ConfigureAwait(false);
        return await new ClusterLifecycle(docker, progress).DeleteAsync(target.Name, target.KubeconfigPath, target.DeleteStorage, ct).ConfigureAwait(false);
    }

    /// <summary>The kubeconfig of the running cluster <paramref name="name"/>, with its context and API endpoint.</summary>
    public static async Task<CreatedCluster> ExportKubeconfigAsync(string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker).KubeconfigAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The cluster <paramref name="name"/> as <c>cluster info</c> shows it: its nodes and, when a node
    /// runs, its API endpoint, context and components; null when no such cluster exists.
    /// </summary>
    public static async Task<ClusterDescription?> DescribeAsync(string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
        var lifecycle = new ClusterLifecycle(docker);
        var found = (await lifecycle.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(c => c.Name == name);
        if (found is null)
        {
            return null;
        }

        var registry = await Registries.ClusterRegistries.RunningLocalRegistryAsync(docker, name, ct).ConfigureAwait(false);
        if (!found.Nodes.Any(n => n.State == "running"))
        {
            return new ClusterDescription(found, false, null, null, null) { Registry = registry };
        }

        try
        {
            var exported = await lifecycle.KubeconfigAsync(name, ct).ConfigureAwait(false);
            var components = await lifecycle.ComponentsAsync(exported, ct).ConfigureAwait(false);
            return new ClusterDescription(found, true, exported.Server, exported.ContextName, components) { Registry = registry };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ClusterDescription(found, true, null, null, null) { ApiFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex), Registry = registry };
        }
    }

    /// <summary>The clusters on the engine, found by their labels.</summary>
    public static async Task<IReadOnlyList<ClusterSummary>> ListAsync(CancellationToken ct = default)
    {
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker).ListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Starts the stopped nodes of cluster <paramref name="name"/>; returns the nodes started.</summary>
    public static async Task<IReadOnlyList<string>> StartAsync(string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker).StartAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>Stops the nodes of cluster <paramref name="name"/>, keeping their data; returns the nodes stopped.</summary>
    public static async Task<IReadOnlyList<string>> StopAsync(string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker).StopAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>What is unhealthy in cluster <paramref name="name"/> (<c>cluster diagnose</c>).</summary>
    /// <exception cref="ProvisioningException">No cluster of that name exists (exit code 5).</exception>
    public static async Task<ClusterHealthReport> DiagnoseAsync(string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
        return await new ClusterLifecycle(docker).DiagnoseAsync(name, ct: ct).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>cluster update</c>: plans <paramref name="desired"/> against the spec the cluster was created
    /// with, hands the plan to <paramref name="approve"/> (which shows it and decides), and applies its
    /// in-place changes when approved.
    /// </summary>
    /// <returns>What applying did, or null when <paramref name="approve"/> declined.</returns>
    /// <exception cref="ProvisioningException">No spec is saved for the cluster, or it is not running.</exception>
    public static async Task<ClusterUpdateResult?> UpdateAsync(
        ClusterDefinition desired,
        Func<ClusterUpdatePlan, CancellationToken, Task<bool>> approve,
        IProgress<ProgressEvent>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(approve);
        using var docker = await ConnectAsync(desired.Provider, progress, ct).ConfigureAwait(false);
        var updater = new ClusterUpdate(docker, progress);
        var plan = updater.Plan(desired);
        if (!await approve(plan, ct).ConfigureAwait(false))
        {
            return null;
        }

        return await updater.ApplyAsync(plan, desired, ct).ConfigureAwait(false);
    }

    private static void DisposeWhenConnected<T>(Task<T> connecting)
        where T : IDisposable =>
        _ = connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
