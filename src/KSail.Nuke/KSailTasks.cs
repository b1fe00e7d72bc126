using KSail.Core.Lifecycle;
using Serilog;

namespace KSail.Nuke;

/// <summary>
/// The KSail.NET tasks for NUKE targets, in NUKE's shape: each takes <see cref="KSailClusterSettings"/>
/// or a configurator (<c>_ =&gt; _.SetName("ci")</c>), runs synchronously as NUKE tasks do (each has
/// an <c>…Async</c> twin for async targets), logs through Serilog's <see cref="Log"/>, and returns a
/// typed result. A failure throws KSail.Core's exception, whose message names the failing step (a
/// bad ksail.yaml: file:line:col), which fails the target.
/// </summary>
/// <example>
/// <code>
/// using static KSail.Nuke.KSailTasks;
///
/// Target IntegrationTests =&gt; _ =&gt; _
///     .Executes(() =&gt; KSailWithCluster(_ =&gt; _.SetConfigPath(RootDirectory / "ksail.yaml"), cluster =&gt;
///         DotNetTest(_ =&gt; _.SetProcessEnvironmentVariable("KUBECONFIG", cluster.KubeconfigPath))));
/// </code>
/// </example>
public static class KSailTasks
{
    /// <summary>Creates the declared cluster and waits until it is stable; returns how to reach it.</summary>
    public static ClusterHandle KSailClusterCreate(KSailClusterSettings? settings = null) =>
        Run(KSailClusterCreateAsync(settings));

    /// <inheritdoc cref="KSailClusterCreate(KSailClusterSettings?)"/>
    public static ClusterHandle KSailClusterCreate(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailClusterCreate(Configure(configurator));

    /// <inheritdoc cref="KSailClusterCreate(KSailClusterSettings?)"/>
    public static async Task<ClusterHandle> KSailClusterCreateAsync(KSailClusterSettings? settings = null, CancellationToken ct = default)
    {
        var handle = await ClusterOperations.CreateAsync((settings ?? new()).ToRequest(), SerilogProgress.Static, ct).ConfigureAwait(false);
        Log.Information("Cluster {Cluster:l} is ready: context {Context:l} in {Kubeconfig:l}, API server {Server:l}", handle.Name, handle.ContextName, handle.KubeconfigPath, handle.Server);
        return handle;
    }

    /// <inheritdoc cref="KSailClusterCreate(KSailClusterSettings?)"/>
    public static Task<ClusterHandle> KSailClusterCreateAsync(Func<KSailClusterSettings, KSailClusterSettings> configurator, CancellationToken ct = default) =>
        KSailClusterCreateAsync(Configure(configurator), ct);

    /// <summary>
    /// Imports images from the host's Docker into every node of the declared, running cluster
    /// (<c>ksail workload import --image</c>); nodes that have an image with the same ID are skipped.
    /// </summary>
    public static KSail.Core.Images.ImageImportReport KSailImportImages(KSailClusterSettings? settings, params string[] images) =>
        Run(KSailImportImagesAsync(settings, images));

    /// <inheritdoc cref="KSailImportImages(KSailClusterSettings?, string[])"/>
    public static async Task<KSail.Core.Images.ImageImportReport> KSailImportImagesAsync(KSailClusterSettings? settings, IReadOnlyList<string> images, CancellationToken ct = default)
    {
        var report = await ClusterOperations.ImportImagesAsync((settings ?? new()).ToRequest(), images, SerilogProgress.Static, ct).ConfigureAwait(false);
        Log.Information("Imported {Images} into cluster {Cluster:l}: {Imported} of {Total} node images, the rest were there", report.Images, report.Cluster, report.ImportedCount, report.Nodes.Count);
        return report;
    }

    /// <summary>
    /// Packs the workload's manifests into an OCI artifact and pushes it to the cluster's registry
    /// (<c>ksail workload push</c>; <see cref="KSailClusterSettings.WorkloadReference"/>,
    /// <see cref="KSailClusterSettings.WorkloadPath"/> and <see cref="KSailClusterSettings.WorkloadRegistry"/> as its options).
    /// </summary>
    public static KSail.Core.Workloads.WorkloadPushReport KSailWorkloadPush(KSailClusterSettings? settings = null) =>
        Run(KSailWorkloadPushAsync(settings));

    /// <inheritdoc cref="KSailWorkloadPush(KSailClusterSettings?)"/>
    public static KSail.Core.Workloads.WorkloadPushReport KSailWorkloadPush(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailWorkloadPush(Configure(configurator));

    /// <inheritdoc cref="KSailWorkloadPush(KSailClusterSettings?)"/>
    public static async Task<KSail.Core.Workloads.WorkloadPushReport> KSailWorkloadPushAsync(KSailClusterSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= new();
        var report = await ClusterOperations.PushWorkloadAsync(settings.ToRequest(), settings.ToPushOptions(), SerilogProgress.Static, ct).ConfigureAwait(false);
        Log.Information("Pushed {Files} files to {Reference:l}@{Digest:l}", report.Files.Count, report.Reference, report.Digest);
        return report;
    }

    /// <summary>
    /// Pushes the workload, asks the GitOps engine to reconcile now and waits until it reports the
    /// pushed revision (<c>ksail workload reconcile</c>; <see cref="KSailClusterSettings.ReconcileTimeout"/> is its <c>--timeout</c>).
    /// </summary>
    public static KSail.Core.Workloads.WorkloadReconcileReport KSailWorkloadReconcile(KSailClusterSettings? settings = null) =>
        Run(KSailWorkloadReconcileAsync(settings));

    /// <inheritdoc cref="KSailWorkloadReconcile(KSailClusterSettings?)"/>
    public static KSail.Core.Workloads.WorkloadReconcileReport KSailWorkloadReconcile(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailWorkloadReconcile(Configure(configurator));

    /// <inheritdoc cref="KSailWorkloadReconcile(KSailClusterSettings?)"/>
    public static async Task<KSail.Core.Workloads.WorkloadReconcileReport> KSailWorkloadReconcileAsync(KSailClusterSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= new();
        var report = await ClusterOperations.ReconcileWorkloadAsync(settings.ToRequest(), settings.ToReconcileOptions(), SerilogProgress.Static, ct).ConfigureAwait(false);
        Log.Information("{Engine} reconciled {Objects} at {Revision:l}", report.Engine, report.Objects, report.Revision);
        return report;
    }

    /// <summary>Deletes the declared cluster and its kubeconfig context; returns what was removed (empty when there was no such cluster).</summary>
    public static IReadOnlyList<string> KSailClusterDelete(KSailClusterSettings? settings = null) =>
        Run(KSailClusterDeleteAsync(settings));

    /// <inheritdoc cref="KSailClusterDelete(KSailClusterSettings?)"/>
    public static IReadOnlyList<string> KSailClusterDelete(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailClusterDelete(Configure(configurator));

    /// <inheritdoc cref="KSailClusterDelete(KSailClusterSettings?)"/>
    public static async Task<IReadOnlyList<string>> KSailClusterDeleteAsync(KSailClusterSettings? settings = null, CancellationToken ct = default)
    {
        var removed = await ClusterOperations.DeleteAsync((settings ?? new()).ToRequest(), SerilogProgress.Static, ct).ConfigureAwait(false);
        Log.Information(removed.Count == 0 ? "No cluster to delete" : "Deleted {Removed}", removed);
        return removed;
    }

    /// <inheritdoc cref="KSailClusterDelete(KSailClusterSettings?)"/>
    public static Task<IReadOnlyList<string>> KSailClusterDeleteAsync(Func<KSailClusterSettings, KSailClusterSettings> configurator, CancellationToken ct = default) =>
        KSailClusterDeleteAsync(Configure(configurator), ct);

    /// <summary>Waits until the declared, running cluster passes the stability check (and GitOps readiness when declared).</summary>
    public static void KSailClusterWaitReady(KSailClusterSettings? settings = null) =>
        Run(KSailClusterWaitReadyAsync(settings));

    /// <inheritdoc cref="KSailClusterWaitReady(KSailClusterSettings?)"/>
    public static void KSailClusterWaitReady(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailClusterWaitReady(Configure(configurator));

    /// <inheritdoc cref="KSailClusterWaitReady(KSailClusterSettings?)"/>
    public static Task KSailClusterWaitReadyAsync(KSailClusterSettings? settings = null, CancellationToken ct = default) =>
        ClusterOperations.WaitReadyAsync((settings ?? new()).ToRequest(), SerilogProgress.Static, ct);

    /// <inheritdoc cref="KSailClusterWaitReady(KSailClusterSettings?)"/>
    public static Task KSailClusterWaitReadyAsync(Func<KSailClusterSettings, KSailClusterSettings> configurator, CancellationToken ct = default) =>
        KSailClusterWaitReadyAsync(Configure(configurator), ct);

    /// <summary>The declared cluster and its nodes (containers), or null when no such cluster exists.</summary>
    public static ClusterSummary? KSailClusterInfo(KSailClusterSettings? settings = null) =>
        Run(KSailClusterInfoAsync(settings));

    /// <inheritdoc cref="KSailClusterInfo(KSailClusterSettings?)"/>
    public static ClusterSummary? KSailClusterInfo(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailClusterInfo(Configure(configurator));

    /// <inheritdoc cref="KSailClusterInfo(KSailClusterSettings?)"/>
    public static Task<ClusterSummary?> KSailClusterInfoAsync(KSailClusterSettings? settings = null, CancellationToken ct = default) =>
        ClusterOperations.InfoAsync((settings ?? new()).ToRequest(), ct);

    /// <inheritdoc cref="KSailClusterInfo(KSailClusterSettings?)"/>
    public static Task<ClusterSummary?> KSailClusterInfoAsync(Func<KSailClusterSettings, KSailClusterSettings> configurator, CancellationToken ct = default) =>
        KSailClusterInfoAsync(Configure(configurator), ct);

    /// <summary>
    /// Exports the running cluster's kubeconfig: to <see cref="KSailClusterSettings.KubeconfigOutput"/>
    /// alone (mode 0600) when set, else merged into the declaration's kubeconfig; returns where it is.
    /// </summary>
    public static ClusterHandle KSailKubeconfig(KSailClusterSettings? settings = null) =>
        Run(KSailKubeconfigAsync(settings));

    /// <inheritdoc cref="KSailKubeconfig(KSailClusterSettings?)"/>
    public static ClusterHandle KSailKubeconfig(Func<KSailClusterSettings, KSailClusterSettings> configurator) =>
        KSailKubeconfig(Configure(configurator));

    /// <inheritdoc cref="KSailKubeconfig(KSailClusterSettings?)"/>
    public static async Task<ClusterHandle> KSailKubeconfigAsync(KSailClusterSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= new();
        var handle = await ClusterOperations.KubeconfigAsync(settings.ToRequest(), settings.KubeconfigOutput, ct).ConfigureAwait(false);
        Log.Information("Kubeconfig of {Cluster:l} written to {Kubeconfig:l} (context {Context:l})", handle.Name, handle.KubeconfigPath, handle.ContextName);
        return handle;
    }

    /// <inheritdoc cref="KSailKubeconfig(KSailClusterSettings?)"/>
    public static Task<ClusterHandle> KSailKubeconfigAsync(Func<KSailClusterSettings, KSailClusterSettings> configurator, CancellationToken ct = default) =>
        KSailKubeconfigAsync(Configure(configurator), ct);

    /// <summary>
    /// Creates the cluster, runs <paramref name="action"/> with it, and deletes it afterwards whatever
    /// the action does; the action's exception is rethrown after the teardown. A cluster of that
    /// name that existed before is refused and never deleted.
    /// </summary>
    public static void KSailWithCluster(KSailClusterSettings settings, Action<ClusterHandle> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        KSailWithCluster(settings, handle =>
        {
            action(handle);
            return true;
        });
    }

    /// <inheritdoc cref="KSailWithCluster(KSailClusterSettings, Action{ClusterHandle})"/>
    public static void KSailWithCluster(Func<KSailClusterSettings, KSailClusterSettings> configurator, Action<ClusterHandle> action) =>
        KSailWithCluster(Configure(configurator), action);

    /// <inheritdoc cref="KSailWithCluster(KSailClusterSettings, Action{ClusterHandle})"/>
    /// <returns>What <paramref name="action"/> returned.</returns>
    public static T KSailWithCluster<T>(KSailClusterSettings settings, Func<ClusterHandle, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Run(KSailWithClusterAsync(settings, (handle, _) => Task.FromResult(action(handle))));
    }

    /// <inheritdoc cref="KSailWithCluster{T}(KSailClusterSettings, Func{ClusterHandle, T})"/>
    public static T KSailWithCluster<T>(Func<KSailClusterSettings, KSailClusterSettings> configurator, Func<ClusterHandle, T> action) =>
        KSailWithCluster(Configure(configurator), action);

    /// <inheritdoc cref="KSailWithCluster{T}(KSailClusterSettings, Func{ClusterHandle, T})"/>
    public static Task<T> KSailWithClusterAsync<T>(KSailClusterSettings settings, Func<ClusterHandle, CancellationToken, Task<T>> action, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ClusterOperations.WithClusterAsync(settings.ToRequest(), action, SerilogProgress.Static, ct);
    }

    /// <inheritdoc cref="KSailWithCluster(KSailClusterSettings, Action{ClusterHandle})"/>
    public static Task KSailWithClusterAsync(KSailClusterSettings settings, Func<ClusterHandle, CancellationToken, Task> action, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return KSailWithClusterAsync(settings, async (handle, token) =>
        {
            await action(handle, token).ConfigureAwait(false);
            return true;
        }, ct);
    }

    /// <inheritdoc cref="KSailWithClusterAsync{T}(KSailClusterSettings, Func{ClusterHandle, CancellationToken, Task{T}}, CancellationToken)"/>
    public static Task<T> KSailWithClusterAsync<T>(Func<KSailClusterSettings, KSailClusterSettings> configurator, Func<ClusterHandle, CancellationToken, Task<T>> action, CancellationToken ct = default) =>
        KSailWithClusterAsync(Configure(configurator), action, ct);

    /// <inheritdoc cref="KSailWithClusterAsync(KSailClusterSettings, Func{ClusterHandle, CancellationToken, Task}, CancellationToken)"/>
    public static Task KSailWithClusterAsync(Func<KSailClusterSettings, KSailClusterSettings> configurator, Func<ClusterHandle, CancellationToken, Task> action, CancellationToken ct = default) =>
        KSailWithClusterAsync(Configure(configurator), action, ct);

    private static KSailClusterSettings Configure(Func<KSailClusterSettings, KSailClusterSettings> configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        return configurator(new KSailClusterSettings()) ?? throw new InvalidOperationException("The configurator returned no settings.");
    }

    // NUKE tasks are synchronous; the engine is async with ConfigureAwait(false) throughout, so
    // waiting here cannot deadlock. GetResult rethrows the engine's exception itself, not an AggregateException.
    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();
}
