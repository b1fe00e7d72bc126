using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.Kubeconfig;
using KSail.Core.Readiness;
using KSail.Core.Workloads;

namespace KSail.Core.Lifecycle;

/// <content>The workload pushed and reconciled now (<c>workload reconcile</c>).</content>
public static partial class ClusterOperations
{
    /// <summary>
    /// Pushes the workload (as <see cref="PushWorkloadAsync(ClusterDefinition, WorkloadPushOptions, IProgress{ProgressEvent}?, CancellationToken)"/>),
    /// asks the declared GitOps engine to reconcile now and waits until it reports the pushed revision
    /// (KSail's <c>workload reconcile</c>, pkg/cli/cmd/workload/reconcile.go): Flux's
    /// <c>reconcile.fluxcd.io/requestedAt</c> on the OCIRepositories and Kustomizations KSail.NET labels,
    /// Argo CD's <c>argocd.argoproj.io/refresh: hard</c> on its Applications.
    /// </summary>
    /// <param name="cluster">The declared, running cluster.</param>
    /// <param name="options">The push, and the time limit.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="ct">Cancels the reconcile.</param>
    /// <exception cref="ConfigurationException">No GitOps engine declared, nothing to reconcile, or the push's bad input (exit code 3).</exception>
    /// <exception cref="ProvisioningException">The registry refused the push, or no such running cluster (exit code 5).</exception>
    /// <exception cref="ReadinessTimeoutException">The engine did not report the pushed revision in time; the diagnosis names the revision each object is at (exit code 6).</exception>
    /// <exception cref="ReadinessFailedException">An object failed for good at the pushed revision (exit code 6).</exception>
    public static Task<WorkloadReconcileReport> ReconcileWorkloadAsync(ClusterDefinition cluster, WorkloadReconcileOptions options, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default) =>
        ReconcileWorkloadAsync(cluster, options, ClusterLoadOptions.ReadProcessEnvironment(), progress, ct);

    /// <summary>Pushes and reconciles the declared cluster's workload (the build scripts' call; see the other overload).</summary>
    public static Task<WorkloadReconcileReport> ReconcileWorkloadAsync(ClusterRequest request, WorkloadReconcileOptions options, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReconcileWorkloadAsync(request.Load(), options, request.Environment, progress, ct);
    }

    private static async Task<WorkloadReconcileReport> ReconcileWorkloadAsync(ClusterDefinition cluster, WorkloadReconcileOptions options, IReadOnlyDictionary<string, string?> environment, IProgress<ProgressEvent>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        _ = Checked(cluster, options); // Bad input is refused before the cluster is looked for.
        CreatedCluster created;
        using (var docker = await ConnectAsync(cluster.Provider, progress, ct).ConfigureAwait(false))
        {
            created = await new ClusterLifecycle(docker, progress).KubeconfigAsync(cluster.Name, ct).ConfigureAwait(false);
        }

        using var client = Kubeconfigs.CreateClient(created.Kubeconfig);
        return await ReconcileWorkloadAsync(cluster, options, environment, client, GitOpsReadinessOptions.ManagedSelector, progress, TimeProvider.System, ct).ConfigureAwait(false);
    }

    /// <summary>Pushes, then reconciles the objects <paramref name="labelSelector"/> selects in the cluster <paramref name="client"/> talks to (not disposed here).</summary>
    internal static async Task<WorkloadReconcileReport> ReconcileWorkloadAsync(
        ClusterDefinition cluster,
        WorkloadReconcileOptions options,
        IReadOnlyDictionary<string, string?> environment,
        k8s.IKubernetes client,
        string labelSelector,
        IProgress<ProgressEvent>? progress,
        TimeProvider time,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var (engine, timeout) = Checked(cluster, options);
        var push = await PushWorkloadAsync(cluster, options.Push, environment, progress, ct).ConfigureAwait(false);
        var result = await new GitOpsReconcile(client, progress, time)
            .RunAsync(engine, $"{push.Tag}@{push.Digest}", timeout, labelSelector, options.Exclude, ct).ConfigureAwait(false);
        return new WorkloadReconcileReport(push, engine, result.Revision, result.Objects);
    }

    // The engine the declaration names and the time limit, or the bad input's error.
    private static (GitOpsEngine Engine, TimeSpan Timeout) Checked(ClusterDefinition cluster, WorkloadReconcileOptions options)
    {
        var engine = cluster.Declared.Spec?.Cluster?.GitOpsEngine ?? GitOpsEngine.None;
        if (engine is GitOpsEngine.None)
        {
            throw new ConfigurationException(SourceLocation.StartOf(cluster.ConfigFile), "workload reconcile needs a GitOps engine: set spec.cluster.gitOpsEngine: Flux or ArgoCD (and spec.cluster.localRegistry.registry) and create the cluster with it");
        }

        if (!DistributionRegistry.For(cluster.Distribution).RunsPods)
        {
            throw new ConfigurationException(
                SourceLocation.StartOf(cluster.ConfigFile),
                $"workload reconcile cannot wait on a {cluster.Distribution} cluster: its nodes are simulated, so {engine}'s controllers never sync (KSail skips reconciling there); 'ksail workload push' pushes the workload");
        }

        foreach (var name in options.Exclude ?? [])
        {
            var parts = name.Split('/');
            if (parts.Length > 3 || parts.Any(string.IsNullOrWhiteSpace))
            {
                throw new ConfigurationException(SourceLocation.FromArgument("--exclude"), $"'{name}' is not a name, namespace/name or Kind/namespace/name");
            }
        }

        var timeout = options.Timeout ?? cluster.Timeouts.GitOps;
        return timeout > TimeSpan.Zero
            ? (engine, timeout)
            : throw new ConfigurationException(SourceLocation.FromArgument("--timeout"), $"the timeout must be positive, not {GoDuration.Format(timeout)}");
    }
}
