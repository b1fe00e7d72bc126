using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>
/// Declared, throw-away Kubernetes clusters in Cake: create, wait, kubeconfig, info and delete the
/// cluster a ksail.yaml declares, or run a step with a cluster that is always torn down after it.
/// The engine's progress goes to Cake's log; a wrong ksail.yaml fails the task with file, line and column.
/// </summary>
/// <example>
/// <code>
/// #addin nuget:?package=KSail.Cake&amp;version=0.1.0&amp;loaddependencies=true
///
/// Task("Integration").Does(() =&gt;
///     KSailWithCluster(new KSailClusterSettings().WithWorkers(1), cluster =&gt;
///         DotNetTest("tests/Integration", new DotNetTestSettings {
///             EnvironmentVariables = { ["KUBECONFIG"] = cluster.KubeconfigPath.FullPath } })));
/// </code>
/// </example>
[CakeAliasCategory("KSail")]
[CakeNamespaceImport("KSail.Cake")]
public static class KSailAliases
{
    /// <summary>Creates the cluster ksail.yaml declares and waits until it is ready; returns its kubeconfig, context and endpoint.</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The running cluster.</returns>
    [CakeMethodAlias]
    public static KSailCluster KSailClusterCreate(this ICakeContext context) => KSailClusterCreate(context, new KSailClusterSettings());

    /// <summary>Creates the declared cluster, with <paramref name="settings"/> over ksail.yaml, and waits until it is ready.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <returns>The running cluster.</returns>
    [CakeMethodAlias]
    public static KSailCluster KSailClusterCreate(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        return new KSailCluster(ClusterRequests.Run(() => ClusterOperations.CreateAsync(request, new CakeLogProgress(context.Log))));
    }

    /// <summary>
    /// Imports images from the host's Docker into every node of the declared, running cluster
    /// (<c>ksail workload import --image</c>); nodes that have an image with the same ID are skipped.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <param name="images">The images, as the host's Docker names them.</param>
    /// <returns>What was imported into which node, and what the nodes had.</returns>
    [CakeMethodAlias]
    public static KSail.Core.Images.ImageImportReport KSailImportImages(this ICakeContext context, KSailClusterSettings settings, params string[] images)
    {
        var request = ClusterRequests.From(context, settings);
        return ClusterRequests.Run(() => ClusterOperations.ImportImagesAsync(request, images, new CakeLogProgress(context.Log)));
    }

    /// <summary>
    /// Packs the workload's manifests into an OCI artifact and pushes it to the cluster's registry
    /// (<c>ksail workload push</c>; <see cref="KSailClusterSettings.WorkloadReference"/>,
    /// <see cref="KSailClusterSettings.WorkloadPath"/> and <see cref="KSailClusterSettings.WorkloadRegistry"/> as its options).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>What was pushed where, and its digest.</returns>
    [CakeMethodAlias]
    public static KSail.Core.Workloads.WorkloadPushReport KSailWorkloadPush(this ICakeContext context) => KSailWorkloadPush(context, new KSailClusterSettings());

    /// <summary>Pushes the workload of the cluster declared by ksail.yaml and <paramref name="settings"/> (<c>ksail workload push</c>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings, with the push's.</param>
    /// <returns>What was pushed where, and its digest.</returns>
    [CakeMethodAlias]
    public static KSail.Core.Workloads.WorkloadPushReport KSailWorkloadPush(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        var push = ClusterRequests.PushOptions(context, settings);
        return ClusterRequests.Run(() => ClusterOperations.PushWorkloadAsync(request, push, new CakeLogProgress(context.Log)));
    }

    /// <summary>
    /// Pushes the workload, asks the GitOps engine to reconcile now and waits until it reports the
    /// pushed revision (<c>ksail workload reconcile</c>; <see cref="KSailClusterSettings.ReconcileTimeout"/> is its <c>--timeout</c>).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The push, and the revision the engine reported.</returns>
    [CakeMethodAlias]
    public static KSail.Core.Workloads.WorkloadReconcileReport KSailWorkloadReconcile(this ICakeContext context) => KSailWorkloadReconcile(context, new KSailClusterSettings());

    /// <summary>Pushes and reconciles the workload of the cluster declared by ksail.yaml and <paramref name="settings"/> (<c>ksail workload reconcile</c>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings, with the push's and the time limit.</param>
    /// <returns>The push, and the revision the engine reported.</returns>
    [CakeMethodAlias]
    public static KSail.Core.Workloads.WorkloadReconcileReport KSailWorkloadReconcile(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        var options = new KSail.Core.Workloads.WorkloadReconcileOptions(ClusterRequests.PushOptions(context, settings), settings?.ReconcileTimeout);
        return ClusterRequests.Run(() => ClusterOperations.ReconcileWorkloadAsync(request, options, new CakeLogProgress(context.Log)));
    }

    /// <summary>Deletes the cluster ksail.yaml declares and its kubeconfig context; returns what was removed (empty when there was no such cluster).</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The removed containers, networks and volumes.</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<string> KSailClusterDelete(this ICakeContext context) => KSailClusterDelete(context, new KSailClusterSettings());

    /// <summary>Deletes the declared cluster (with <paramref name="settings"/> over ksail.yaml) and its kubeconfig context.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <returns>The removed containers, networks and volumes (empty when there was no such cluster).</returns>
    [CakeMethodAlias]
    public static IReadOnlyList<string> KSailClusterDelete(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        return ClusterRequests.Run(() => ClusterOperations.DeleteAsync(request, new CakeLogProgress(context.Log)));
    }

    /// <summary>Waits until the declared, running cluster is ready (and GitOps, when declared).</summary>
    /// <param name="context">The Cake context.</param>
    [CakeMethodAlias]
    public static void KSailClusterWaitReady(this ICakeContext context) => KSailClusterWaitReady(context, new KSailClusterSettings());

    /// <summary>Waits until the declared, running cluster (with <paramref name="settings"/> over ksail.yaml) is ready.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    [CakeMethodAlias]
    public static void KSailClusterWaitReady(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        ClusterRequests.Run(async () =>
        {
            await ClusterOperations.WaitReadyAsync(request, new CakeLogProgress(context.Log)).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>The declared cluster's nodes, or null when it does not exist.</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The cluster and its nodes, or null.</returns>
    [CakeMethodAlias]
    public static KSailClusterInfo? KSailClusterInfo(this ICakeContext context) => KSailClusterInfo(context, new KSailClusterSettings());

    /// <summary>The nodes of the cluster declared by ksail.yaml and <paramref name="settings"/>, or null when it does not exist.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <returns>The cluster and its nodes, or null.</returns>
    [CakeMethodAlias]
    public static KSailClusterInfo? KSailClusterInfo(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        var summary = ClusterRequests.Run(() => ClusterOperations.InfoAsync(request));
        return summary is null ? null : new KSailClusterInfo(summary);
    }

    /// <summary>Writes the running cluster's context into the declared kubeconfig (merged, other entries untouched).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <returns>The cluster with the kubeconfig written.</returns>
    [CakeMethodAlias]
    public static KSailCluster KSailKubeconfig(this ICakeContext context, KSailClusterSettings settings)
    {
        var request = ClusterRequests.From(context, settings);
        return new KSailCluster(ClusterRequests.Run(() => ClusterOperations.KubeconfigAsync(request)));
    }

    /// <summary>Writes the running cluster's kubeconfig to a file of its own (mode 0600).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <param name="outputFile">The file to write (relative to the working directory).</param>
    /// <returns>The cluster with <see cref="KSailCluster.KubeconfigPath"/> set to <paramref name="outputFile"/>.</returns>
    [CakeMethodAlias]
    public static KSailCluster KSailKubeconfig(this ICakeContext context, KSailClusterSettings settings, FilePath outputFile)
    {
        ArgumentNullException.ThrowIfNull(outputFile);
        var request = ClusterRequests.From(context, settings);
        return new KSailCluster(ClusterRequests.Run(() => ClusterOperations.KubeconfigAsync(request, outputFile.FullPath)));
    }

    /// <summary>
    /// Creates the cluster, waits until it is ready, runs <paramref name="action"/> with it, and
    /// deletes it afterwards, whether the action succeeds or throws (the action's exception then
    /// fails the task, after the teardown).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <param name="action">What to do with the cluster.</param>
    [CakeMethodAlias]
    public static void KSailWithCluster(this ICakeContext context, KSailClusterSettings settings, Action<KSailCluster> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        KSailWithCluster(context, settings, cluster =>
        {
            action(cluster);
            return Task.CompletedTask;
        });
    }

    /// <summary>Creates the cluster, runs the asynchronous <paramref name="action"/> with it, and always deletes it afterwards.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <param name="action">What to do with the cluster.</param>
    [CakeMethodAlias]
    public static void KSailWithCluster(this ICakeContext context, KSailClusterSettings settings, Func<KSailCluster, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var request = ClusterRequests.From(context, settings);
        ClusterRequests.Run(() => ClusterOperations.WithClusterAsync(
            request,
            async (handle, _) =>
            {
                await action(new KSailCluster(handle)).ConfigureAwait(false);
                return true;
            },
            new CakeLogProgress(context.Log)));
    }
}
