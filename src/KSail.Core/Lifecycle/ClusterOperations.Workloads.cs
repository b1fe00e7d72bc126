using KSail.Core.Configuration;
using KSail.Core.Providers;
using KSail.Core.Workloads;

namespace KSail.Core.Lifecycle;

/// <content>The workload's manifests into a registry (<c>workload push</c>).</content>
public static partial class ClusterOperations
{
    /// <summary>
    /// Packs the workload's manifests (<see cref="WorkloadPushOptions.Path"/>, else
    /// <c>spec.workload.sourceDirectory</c>) into an OCI artifact and pushes it (KSail's <c>workload push</c>).
    /// </summary>
    /// <param name="cluster">The declared cluster (its registry, source directory and tag).</param>
    /// <param name="options">The reference, path and registry named.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="ct">Cancels the push.</param>
    /// <exception cref="ConfigurationException">No registry found, a reference that is not <c>oci://</c>, a missing or empty source directory (exit code 3).</exception>
    /// <exception cref="ProvisioningException">The registry refused the push or could not be reached (exit code 5).</exception>
    public static Task<WorkloadPushReport> PushWorkloadAsync(ClusterDefinition cluster, WorkloadPushOptions options, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default) =>
        PushWorkloadAsync(cluster, options, ClusterLoadOptions.ReadProcessEnvironment(), progress, ct);

    /// <summary>Pushes the declared cluster's workload (the build scripts' call; see the other overload).</summary>
    public static Task<WorkloadPushReport> PushWorkloadAsync(ClusterRequest request, WorkloadPushOptions options, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PushWorkloadAsync(request.Load(), options, request.Environment, progress, ct);
    }

    private static async Task<WorkloadPushReport> PushWorkloadAsync(ClusterDefinition cluster, WorkloadPushOptions options, IReadOnlyDictionary<string, string?> environment, IProgress<ProgressEvent>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        IContainerProvider? provider = null;
        try
        {
            return await WorkloadPush.RunAsync(
                cluster,
                options,
                environment,
                async token => provider ??= await ConnectAsync(cluster.Provider, progress, token).ConfigureAwait(false),
                progress,
                emptyWhenMissing: false,
                ct).ConfigureAwait(false);
        }
        finally
        {
            provider?.Dispose();
        }
    }
}
