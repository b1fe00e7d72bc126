namespace KSail.Core.Workloads;

/// <summary>What <c>ksail workload push</c> pushed.</summary>
/// <param name="Reference">The reference pushed to, as the host reaches it (<c>oci://localhost:5050/k8s:dev</c>; never a password).</param>
/// <param name="Repository">The repository (<c>k8s</c>, or <c>my-app/base</c> with a variant).</param>
/// <param name="Tag">The tag (<c>dev</c> unless named).</param>
/// <param name="Digest">The manifest's digest, <c>sha256:&lt;hex&gt;</c> (Flux reports the revision <c>&lt;tag&gt;@&lt;digest&gt;</c>).</param>
/// <param name="Files">The packed files, relative to the source directory with '/', sorted.</param>
public sealed record WorkloadPushReport(string Reference, string Repository, string Tag, string Digest, IReadOnlyList<string> Files);
