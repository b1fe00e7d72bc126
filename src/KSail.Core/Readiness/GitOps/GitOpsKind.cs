using KSail.Core.Configuration.Model;

namespace KSail.Core.Readiness;

/// <summary>A kind of GitOps object; <see cref="RevisionField"/> is Flux's status field of the applied revision (null for Argo CD).</summary>
internal sealed record GitOpsKind(string Kind, string Group, string Version, string Plural, string? RevisionField)
{
    /// <summary>Flux's Kustomization.</summary>
    public static readonly GitOpsKind Kustomization = new("Kustomization", "kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "lastAppliedRevision");

    /// <summary>Flux's HelmRelease.</summary>
    public static readonly GitOpsKind HelmRelease = new("HelmRelease", "helm.toolkit.fluxcd.io", "v2", "helmreleases", "lastAttemptedRevision");

    /// <summary>Argo CD's Application.</summary>
    public static readonly GitOpsKind Application = new("Application", "argoproj.io", "v1alpha1", "applications", null);

    /// <summary>The kinds <paramref name="engine"/> reconciles; the first is the one bare names refer to.</summary>
    public static IReadOnlyList<GitOpsKind> Of(GitOpsEngine engine) => engine == GitOpsEngine.ArgoCD ? [Application] : [Kustomization, HelmRelease];

    /// <summary>An object's <c>namespace/name</c>.</summary>
    public static string Key(GitOpsObject item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";
}
