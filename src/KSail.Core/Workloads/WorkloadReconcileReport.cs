using KSail.Core.Configuration.Model;

namespace KSail.Core.Workloads;

/// <summary>What <c>ksail workload reconcile</c> pushed, asked and saw.</summary>
/// <param name="Push">The push.</param>
/// <param name="Engine">The GitOps engine asked to reconcile.</param>
/// <param name="Revision">
/// The revision the engine reported: Flux's <c>&lt;tag&gt;@sha256:&lt;hex&gt;</c> (its OCIRepository's
/// <c>status.artifact.revision</c> and Kustomizations' <c>status.lastAppliedRevision</c>), Argo CD's
/// <c>sha256:&lt;hex&gt;</c> (its Applications' <c>status.sync.revision</c>).
/// </param>
/// <param name="Objects">The objects asked to reconcile, each <c>Kind namespace/name</c>.</param>
public sealed record WorkloadReconcileReport(WorkloadPushReport Push, GitOpsEngine Engine, string Revision, IReadOnlyList<string> Objects);
