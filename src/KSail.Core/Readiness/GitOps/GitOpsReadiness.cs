using System.Net;
using k8s;
using k8s.Autorest;

namespace KSail.Core.Readiness;

/// <summary>
/// Waits until GitOps has reconciled: the engine's controllers are available, then every selected
/// Flux Kustomization and HelmRelease is Ready=True for its current generation with a revision
/// applied, or every selected Argo CD Application is Synced and Healthy at its current source. A
/// terminal failure (Flux: Stalled=True or a terminal Ready=False reason; Argo CD: Degraded, a
/// sync error) fails at once with the controller's reason and message. With
/// <see cref="GitOpsReadinessOptions.ExpectedRevision"/> (<c>workload reconcile</c>), Flux's
/// OCIRepository is waited for too, and every object carrying the workload artifact must be at that
/// revision (the timeout's diagnosis names the revision each is at). Only reads: objects outside the
/// selection are never looked at, and none is changed.
/// </summary>
public sealed class GitOpsReadiness
{
    /// <summary>The name of the controllers step in progress events and errors.</summary>
    public const string ControllersStep = "wait for GitOps controllers";

    /// <summary>The name of the reconciliation step.</summary>
    public const string ReconcileStep = "wait for GitOps to reconcile";

    private readonly IKubernetes client;
    private readonly GitOpsReadinessOptions options;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;

    /// <summary>Creates the wait for the cluster <paramref name="client"/> talks to.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public GitOpsReadiness(IKubernetes client, GitOpsReadinessOptions options, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.client = client;
        this.options = options;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
    }

    private IReadOnlyList<GitOpsKind> Kinds => options.ExpectedRevision is null ? GitOpsKind.Of(options.Engine) : GitOpsKind.OfReconcile(options.Engine);

    /// <summary>Waits for the controllers (unless <see cref="GitOpsReadinessOptions.WaitForControllers"/> is off), then for the objects, within <see cref="GitOpsReadinessOptions.Timeout"/>.</summary>
    /// <exception cref="ReadinessTimeoutException">Not ready in time (exit code 6).</exception>
    /// <exception cref="ReadinessFailedException">An object failed for good (exit code 6).</exception>
    public async Task WaitAsync(CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        if (options.WaitForControllers)
        {
            await WaitForControllersAsync(options.Timeout, ct).ConfigureAwait(false);
        }

        var left = options.Timeout - time.GetElapsedTime(started);
        await WaitForObjectsAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
    }

    /// <summary>The engine's Deployments (at least one) and StatefulSets in its namespace are available.</summary>
    public Task WaitForControllersAsync(CancellationToken ct = default) => WaitForControllersAsync(options.Timeout, ct);

    /// <summary>Every selected object is ready; a terminal failure ends the wait at once.</summary>
    public Task WaitForObjectsAsync(CancellationToken ct = default) => WaitForObjectsAsync(options.Timeout, ct);

    private Task WaitForControllersAsync(TimeSpan timeout, CancellationToken ct) =>
        new ControllersWait(client, options.EffectiveControllersNamespace, progress, time).RunAsync(timeout, ct);

    // With an expected revision, the kinds that carry the workload artifact must be at it; a HelmRelease's chart version is not.
    private Verdict Evaluate(GitOpsKind kind, GitOpsObject item) =>
        kind.RevisionField is { } field
            ? FluxVerdicts.Evaluate(item, field, options.TerminalFluxReasons, kind.ServesArtifact ? options.ExpectedRevision : null, kind.ServesArtifact ? options.ReconcileRequestedAt : null, kind.AttemptedRevisionField)
            : ArgoVerdicts.Evaluate(item, options.ExpectedDigest);

    /// <summary>The names the caller gave for <paramref name="kind"/> (<c>namespace/name</c>), or null to select by label.</summary>
    private HashSet<string>? NamesOf(GitOpsKind kind)
    {
        if (options.Names is not { } names)
        {
            return null;
        }

        var main = Kinds[0];
        return names
            .Select(n => n.Split('/'))
            .Where(p => p.Length == 3 ? string.Equals(p[0], kind.Kind, StringComparison.OrdinalIgnoreCase) : kind == main)
            .Select(p => $"{p[^2]}/{p[^1]}")
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <see cref="GitOpsReadinessOptions.Exclude"/> names <paramref name="item"/>.</summary>
    private bool IsExcluded(GitOpsKind kind, GitOpsObject item) =>
        options.Exclude?.Any(e => e.Split('/') switch
        {
            [var name] => kind == Kinds[0] && item.Metadata.Name == name,
            [var ns, var name] => kind == Kinds[0] && item.Metadata.NamespaceProperty == ns && item.Metadata.Name == name,
            [var k, var ns, var name] => string.Equals(k, kind.Kind, StringComparison.OrdinalIgnoreCase) && item.Metadata.NamespaceProperty == ns && item.Metadata.Name == name,
            _ => false,
        }) == true;

    private async Task WaitForObjectsAsync(TimeSpan timeout, CancellationToken ct)
    {
        var waiting = new Dictionary<string, string>(StringComparer.Ordinal);
        var watches = new Dictionary<GitOpsKind, ResumableWatch<GitOpsObject, GitOpsObjectList>>();
        try
        {
            await ReadinessStep.RunAsync(
                ReconcileStep,
                timeout,
                progress,
                time,
                async (step, token) =>
                {
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
                    var tasks = Kinds.Select(kind => WatchKindAsync(kind, watches, waiting, step, stop)).ToList();
                    try
                    {
                        await Task.WhenAll(tasks).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        // Another kind failed and stopped this one: report that failure.
                    }

                    var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
                    if (failure is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    token.ThrowIfCancellationRequested();
                },
                (_, token) => GitOpsDiagnosis.ObjectsAsync(client, watches, NamesOf, IsExcluded, Evaluate, token),
                ct).ConfigureAwait(false);
        }
        catch (TerminalFailure failure)
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(15), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, ct);
            var diagnosis = await GitOpsDiagnosis.DescribeAsync(client, failure.Kind, failure.Item, failure.Verdict, linked.Token).ConfigureAwait(false);
            throw new ReadinessFailedException(ReconcileStep, $"{failure.Kind.Kind} {GitOpsKind.Key(failure.Item)}", failure.Verdict.Why, diagnosis);
        }
    }

    private async Task WatchKindAsync(
        GitOpsKind kind,
        Dictionary<GitOpsKind, ResumableWatch<GitOpsObject, GitOpsObjectList>> watches,
        Dictionary<string, string> waiting,
        ReadinessStep step,
        CancellationTokenSource stop)
    {
        var names = NamesOf(kind);
        if (names is { Count: 0 })
        {
            return; // The caller named objects of other kinds only.
        }

        var selector = names is null ? options.LabelSelector : null;
        var watch = new ResumableWatch<GitOpsObject, GitOpsObjectList>(
            (version, watching, token) => client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<GitOpsObjectList>(
                kind.Group, kind.Version, kind.Plural, labelSelector: selector, resourceVersion: version, watch: watching,
                allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time, message => step.Detail($"reconnecting the {kind.Kind} watch: {message}")));
        lock (watches)
        {
            watches[kind] = watch;
        }

        try
        {
            await watch.UntilAsync(items => Done(kind, items, names, waiting, step), stop.Token).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound && names is null)
        {
            step.Detail($"{kind.Kind} is not served (its CRD is not installed): nothing of that kind to wait for");
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ReadinessFailedException(ReconcileStep, $"{kind.Kind} {string.Join(", ", names!)}", $"the API server does not serve {kind.Plural}.{kind.Group}/{kind.Version} (is the CRD installed?)", string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool Done(GitOpsKind kind, IReadOnlyCollection<GitOpsObject> items, HashSet<string>? names, Dictionary<string, string> waiting, ReadinessStep step)
    {
        var selected = (names is null ? items : items.Where(i => names.Contains(GitOpsKind.Key(i)))).Where(i => !IsExcluded(kind, i)).ToList();
        var pending = new List<string>();
        foreach (var item in selected.OrderBy(GitOpsKind.Key, StringComparer.Ordinal))
        {
            var verdict = Evaluate(kind, item);
            if (verdict.State == VerdictState.Failed)
            {
                throw new TerminalFailure(kind, item, verdict);
            }

            if (verdict.State == VerdictState.Waiting)
            {
                pending.Add($"{kind.Kind} {GitOpsKind.Key(item)} ({verdict.Why})");
            }
        }

        foreach (var missing in names?.Except(selected.Select(GitOpsKind.Key)).Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
        {
            pending.Add($"{kind.Kind} {missing} to exist");
        }

        lock (waiting)
        {
            if (pending.Count == 0)
            {
                waiting.Remove(kind.Kind);
            }
            else
            {
                waiting[kind.Kind] = string.Join(", ", pending);
            }

            if (waiting.Count > 0)
            {
                step.WaitingFor(string.Join("; ", waiting.Values));
            }
        }

        return pending.Count == 0;
    }

    /// <summary>A terminal failure seen while watching; turned into <see cref="ReadinessFailedException"/> with events.</summary>
#pragma warning disable CA1064, CA1032 // Internal control flow only.
    private sealed class TerminalFailure(GitOpsKind kind, GitOpsObject item, Verdict verdict) : Exception(verdict.Why)
#pragma warning restore CA1064, CA1032
    {
        public GitOpsKind Kind { get; } = kind;

        public GitOpsObject Item { get; } = item;

        public Verdict Verdict { get; } = verdict;
    }
}
