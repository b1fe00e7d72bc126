using KSail.Core.Configuration.Model;
using KSail.Core.Labels;

namespace KSail.Core.Readiness;

/// <summary>What GitOps readiness waits for, and how long.</summary>
public sealed record GitOpsReadinessOptions
{
    /// <summary>The label every object KSail manages carries: <c>io.ksail.managed-by=ksail.net</c>.</summary>
    public static readonly string ManagedSelector = $"{ResourceLabels.ManagedBy}={ResourceLabels.Tool}";

    /// <summary>Flux Kustomizations and HelmReleases, or Argo CD Applications.</summary>
    public GitOpsEngine Engine { get; init; } = GitOpsEngine.Flux;

    /// <summary>The time limit of the whole wait, controllers and objects (default 5 min: <c>spec.cluster.timeouts.gitOps</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Which objects to wait for, by label; by default those KSail manages (<see cref="ManagedSelector"/>).
    /// Ignored when <see cref="Names"/> is set.
    /// </summary>
    public string LabelSelector { get; init; } = ManagedSelector;

    /// <summary>
    /// Exactly these objects, each as <c>namespace/name</c> (the engine's main kind: Kustomization for
    /// Flux, Application for Argo CD) or <c>Kind/namespace/name</c> (e.g. <c>HelmRelease/apps/podinfo</c>);
    /// each is waited for until it exists and is ready. Null to select by label.
    /// </summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>
    /// Objects not waited for (KSail's <c>workload reconcile --exclude</c>): each a bare name or
    /// <c>namespace/name</c> of the engine's main kind (Kustomization, Application), or
    /// <c>Kind/namespace/name</c>. The engine still reconciles them; only the wait skips them.
    /// </summary>
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>Whether to wait first for the engine's own controllers (Deployments and StatefulSets in <see cref="ControllersNamespace"/>) to be available.</summary>
    public bool WaitForControllers { get; init; } = true;

    /// <summary>The namespace of the engine's controllers; null for the engine's own (<c>flux-system</c>, <c>argocd</c>).</summary>
    public string? ControllersNamespace { get; init; }

    /// <summary>
    /// Flux Ready=False reasons that will not heal by waiting: a Ready=False with one of them (for the
    /// current generation) fails at once, as Stalled=True does.
    /// </summary>
    public IReadOnlySet<string> TerminalFluxReasons { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "BuildFailed", "InvalidPath", "InvalidURL", "RetriesExceeded", "InvalidSTSConfiguration", "InvalidProviderConfiguration",
    };

    /// <summary>
    /// The revision of the workload artifact the objects must be at, as Flux names it:
    /// <c>&lt;tag&gt;@sha256:&lt;hex&gt;</c> (Flux RFC-0005). Set by a reconcile after a push: Flux's
    /// OCIRepository (<c>status.artifact.revision</c>, waited for too) and Kustomizations
    /// (<c>status.lastAppliedRevision</c>) must report exactly it, Argo CD's Application its digest
    /// (<c>status.sync.revision</c> of an OCI source is the manifest digest: argo-cd util/oci/client.go,
    /// ResolveRevision). A failure counts only once it is about this revision. Null: any revision.
    /// </summary>
    public string? ExpectedRevision { get; init; }

    /// <summary>
    /// The value written to Flux's <c>reconcile.fluxcd.io/requestedAt</c> annotation (fluxcd/pkg
    /// apis/meta ReconcileRequestAnnotation): Flux objects must report it in
    /// <c>status.lastHandledReconcileAt</c> before they count, as <c>flux reconcile</c> waits. Null: not asked.
    /// </summary>
    public string? ReconcileRequestedAt { get; init; }

    /// <summary>The digest part of <see cref="ExpectedRevision"/> (<c>sha256:&lt;hex&gt;</c>): what Argo CD reports.</summary>
    internal string? ExpectedDigest => ExpectedRevision is { } revision ? revision[(revision.LastIndexOf('@') + 1)..] : null;

    /// <summary>The engine's controllers' namespace.</summary>
    internal string EffectiveControllersNamespace => ControllersNamespace ?? (Engine == GitOpsEngine.ArgoCD ? "argocd" : "flux-system");

    /// <summary>Checks every setting and throws one exception listing every error.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (Engine is not (GitOpsEngine.Flux or GitOpsEngine.ArgoCD))
        {
            errors.Add($"{nameof(Engine)} must be Flux or ArgoCD, not {Engine}");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(Timeout)} must be positive, not {Timeout}");
        }

        foreach (var name in Names ?? [])
        {
            var parts = name.Split('/');
            if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"'{name}' in {nameof(Names)} is not namespace/name or Kind/namespace/name");
            }
        }

        foreach (var name in Exclude ?? [])
        {
            var parts = name.Split('/');
            if (parts.Length > 3 || parts.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"'{name}' in {nameof(Exclude)} is not name, namespace/name or Kind/namespace/name");
            }
        }

        if (ExpectedRevision is { } revision
            && (revision.LastIndexOf('@') is var at && at < 1
                || !revision[(at + 1)..].StartsWith("sha256:", StringComparison.Ordinal)
                || revision.Length == at + 1 + "sha256:".Length))
        {
            errors.Add($"{nameof(ExpectedRevision)} must be <tag>@sha256:<hex>, not '{revision}'");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid GitOps readiness options: " + string.Join("; ", errors));
        }
    }
}
