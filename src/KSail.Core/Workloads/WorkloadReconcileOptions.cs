namespace KSail.Core.Workloads;

/// <summary>What <c>ksail workload reconcile</c> is asked: the push first, then how long to wait for the engine.</summary>
/// <param name="Push">The push (reference, path, registry), as <c>workload push</c> takes it.</param>
/// <param name="Timeout">How long to wait for the engine to report the pushed revision (<c>--timeout</c>; default <c>spec.cluster.timeouts.gitOps</c>, 5m).</param>
/// <param name="Exclude">
/// Kustomizations (Flux) or Applications (Argo CD) asked to reconcile but not waited for (KSail's
/// <c>--exclude</c>): each a name, <c>namespace/name</c> or <c>Kind/namespace/name</c>.
/// </param>
public sealed record WorkloadReconcileOptions(WorkloadPushOptions Push, TimeSpan? Timeout = null, IReadOnlyList<string>? Exclude = null);
