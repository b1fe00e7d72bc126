using KSail.Core.Configuration.Model;

namespace KSail.Core.Readiness;

/// <summary>
/// A kind of GitOps object. <see cref="RevisionField"/> is Flux's status field of the revision the
/// object is at, a dotted path under <c>status</c> (null for Argo CD); <see cref="AttemptedRevisionField"/>
/// is the one of the revision it last tried (a failure is about that revision), where the kind has one;
/// <see cref="ServesArtifact"/> says whether that revision is the workload artifact's (so a reconcile
/// waits for the pushed one), as a Kustomization's and an OCIRepository's are and a HelmRelease's
/// chart version is not.
/// </summary>
internal sealed record GitOpsKind(string Kind, string Group, string Version, string Plural, string? RevisionField, string? AttemptedRevisionField = null, bool ServesArtifact = false)
{
    /// <summary>Flux's Kustomization.</summary>
    public static readonly GitOpsKind Kustomization = new("Kustomization", "kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "lastAppliedRevision", "lastAttemptedRevision", ServesArtifact: true);

    /// <summary>Flux's HelmRelease.</summary>
    public static readonly GitOpsKind HelmRelease = new("HelmRelease", "helm.toolkit.fluxcd.io", "v2", "helmreleases", "lastAttemptedRevision");

    /// <summary>
    /// Flux's OCIRepository: the source of KSail's workload artifact; its artifact's revision is
    /// <c>&lt;tag&gt;@sha256:&lt;hex&gt;</c> (Flux RFC-0005, fluxcd/flux2 rfcs/0005-artifact-revision-and-digest).
    /// </summary>
    public static readonly GitOpsKind OciRepository = new("OCIRepository", "source.toolkit.fluxcd.io", "v1", "ocirepositories", "artifact.revision", ServesArtifact: true);

    /// <summary>Argo CD's Application.</summary>
    public static readonly GitOpsKind Application = new("Application", "argoproj.io", "v1alpha1", "applications", null, ServesArtifact: true);

    /// <summary>The kinds <paramref name="engine"/> reconciles; the first is the one bare names refer to.</summary>
    public static IReadOnlyList<GitOpsKind> Of(GitOpsEngine engine) => engine == GitOpsEngine.ArgoCD ? [Application] : [Kustomization, HelmRelease];

    /// <summary>
    /// The kinds a reconcile of the workload artifact waits for: <see cref="Of"/> and, for Flux, the
    /// OCIRepository that must serve the pushed revision first.
    /// </summary>
    public static IReadOnlyList<GitOpsKind> OfReconcile(GitOpsEngine engine) => engine == GitOpsEngine.ArgoCD ? [Application] : [Kustomization, HelmRelease, OciRepository];

    /// <summary>An object's <c>namespace/name</c>.</summary>
    public static string Key(GitOpsObject item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";
}
