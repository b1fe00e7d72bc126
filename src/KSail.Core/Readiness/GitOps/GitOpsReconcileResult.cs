namespace KSail.Core.Readiness;

/// <summary>What a <see cref="GitOpsReconcile"/> asked and saw.</summary>
/// <param name="Revision">The revision the engine reported: Flux's <c>&lt;tag&gt;@sha256:&lt;hex&gt;</c>, Argo CD's <c>sha256:&lt;hex&gt;</c>.</param>
/// <param name="RequestedAt">The Flux reconcile request token written (null for Argo CD).</param>
/// <param name="Objects">The objects asked to reconcile, as <c>Kind namespace/name</c>.</param>
internal sealed record GitOpsReconcileResult(string Revision, string? RequestedAt, IReadOnlyList<string> Objects);
