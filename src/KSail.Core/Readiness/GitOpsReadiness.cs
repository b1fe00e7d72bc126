using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Readiness;

/// <summary>
/// Waits until GitOps has reconciled: the engine's controllers are available, then every selected
/// Flux Kustomization and HelmRelease is Ready=True for its current generation with a revision
/// applied, or every selected Argo CD Application is Synced and Healthy at its current source. A
/// terminal failure (Flux: Stalled=True or a terminal Ready=False reason; Argo CD: Degraded, a
/// sync error) fails at once with the controller's reason and message. Only reads: objects
/// outside the selection are never looked at, and none is changed.
/// </summary>
public sealed class GitOpsReadiness
{
    /// <summary>The name of the controllers step in progress events and errors.</summary>
    public const string ControllersStep = "wait for GitOps controllers";

    /// <summary>The name of the reconciliation step.</summary>
    public const string ReconcileStep = "wait for GitOps to reconcile";

    private static readonly GitOpsKind Kustomization = new("Kustomization", "kustomize.toolkit.fluxcd.io", "v1", "kustomizations", "lastAppliedRevision");
    private static readonly GitOpsKind HelmRelease = new("HelmRelease", "helm.toolkit.fluxcd.io", "v2", "helmreleases", "lastAttemptedRevision");
    private static readonly GitOpsKind Application = new("Application", "argoproj.io", "v1alpha1", "applications", null);

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

    private IReadOnlyList<GitOpsKind> Kinds => options.Engine == GitOpsEngine.ArgoCD ? [Application] : [Kustomization, HelmRelease];

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

    /// <summary>Whether a Flux object is ready, still on its way, or failed for good.</summary>
    internal static Verdict EvaluateFlux(GitOpsObject item, string revisionField, IReadOnlySet<string> terminalReasons)
    {
        if (item.Status is not { ValueKind: JsonValueKind.Object } status)
        {
            return Verdict.Waiting("no status yet");
        }

        var generation = item.Metadata.Generation ?? 0;
        var observed = status.TryGetProperty("observedGeneration", out var og) && og.TryGetInt64(out var o) ? o : -1;
        var current = observed >= generation;
        var ready = Condition(status, "Ready");
        var stalled = Condition(status, "Stalled");
        if (current && stalled is { Status: "True" })
        {
            return Verdict.Failed($"Stalled: {stalled.Value.Reason}: {stalled.Value.Message}");
        }

        if (current && ready is { Status: "False" } r && terminalReasons.Contains(r.Reason))
        {
            return Verdict.Failed($"Ready=False {r.Reason}: {r.Message}");
        }

        if (!current)
        {
            return Verdict.Waiting($"generation {generation} not yet observed (observed {(observed < 0 ? "none" : observed.ToString(CultureInfo.InvariantCulture))})");
        }

        if (ready is not { Status: "True" })
        {
            return Verdict.Waiting(ready is { } c ? $"Ready={c.Status} {c.Reason}: {c.Message}" : "no Ready condition yet");
        }

        return status.TryGetProperty(revisionField, out var revision) && revision.ValueKind == JsonValueKind.String && revision.GetString()!.Length > 0
            ? Verdict.Ready($"Ready at {revision.GetString()}")
            : Verdict.Waiting($"Ready=True but no {revisionField} yet");
    }

    /// <summary>Whether an Argo CD Application is Synced and Healthy at its current source, on its way, or failed for good.</summary>
    internal static Verdict EvaluateArgo(GitOpsObject item)
    {
        if (item.Status is not { ValueKind: JsonValueKind.Object } status)
        {
            return Verdict.Waiting("no status yet");
        }

        var health = Text(status, "health", "status");
        if (health == "Degraded")
        {
            return Verdict.Failed($"health Degraded: {Text(status, "health", "message")}");
        }

        if (status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in conditions.EnumerateArray())
            {
                var type = Text(condition, "type");
                if (type is "SyncError" or "ComparisonError" or "InvalidSpecError")
                {
                    return Verdict.Failed($"{type}: {Text(condition, "message")}");
                }
            }
        }

        var phase = Text(status, "operationState", "phase");
        if (phase is "Failed" or "Error")
        {
            return Verdict.Failed($"sync {phase}: {Text(status, "operationState", "message")}");
        }

        var sync = Text(status, "sync", "status");
        var revision = Text(status, "sync", "revision") ?? (status.TryGetProperty("sync", out var s) && s.TryGetProperty("revisions", out var rs) && rs.ValueKind == JsonValueKind.Array && rs.GetArrayLength() > 0 ? rs[0].GetString() : null);
        if (sync != "Synced" || health != "Healthy")
        {
            return Verdict.Waiting($"sync {sync ?? "unknown"}, health {health ?? "unknown"}");
        }

        if (string.IsNullOrEmpty(revision))
        {
            return Verdict.Waiting("Synced and Healthy but no revision yet");
        }

        return ComparedToCurrentSource(item, status)
            ? Verdict.Ready($"Synced and Healthy at {revision}")
            : Verdict.Waiting("Synced and Healthy, but compared to an older source than the spec's");
    }

    private static bool ComparedToCurrentSource(GitOpsObject item, JsonElement status)
    {
        if (item.Spec is not { ValueKind: JsonValueKind.Object } spec
            || !status.TryGetProperty("sync", out var sync)
            || !sync.TryGetProperty("comparedTo", out var comparedTo))
        {
            return false;
        }

        foreach (var field in new[] { "source", "sources" })
        {
            var inSpec = spec.TryGetProperty(field, out var a);
            var compared = comparedTo.TryGetProperty(field, out var b);
            if (inSpec != compared || (inSpec && !JsonElement.DeepEquals(a, b)))
            {
                return false;
            }
        }

        return true;
    }

    private static (string Status, string Reason, string Message)? Condition(JsonElement status, string type)
    {
        if (!status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var condition in conditions.EnumerateArray())
        {
            if (Text(condition, "type") == type)
            {
                return (Text(condition, "status") ?? "Unknown", Text(condition, "reason") ?? string.Empty, Text(condition, "message") ?? string.Empty);
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private Verdict Evaluate(GitOpsKind kind, GitOpsObject item) =>
        kind.RevisionField is { } field ? EvaluateFlux(item, field, options.TerminalFluxReasons) : EvaluateArgo(item);

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
                (_, token) => DiagnoseObjectsAsync(watches, token),
                ct).ConfigureAwait(false);
        }
        catch (TerminalFailure failure)
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(15), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, ct);
            var diagnosis = await DescribeAsync(failure.Kind, failure.Item, failure.Verdict, linked.Token).ConfigureAwait(false);
            throw new ReadinessFailedException(ReconcileStep, $"{failure.Kind.Kind} {Key(failure.Item)}", failure.Verdict.Why, diagnosis);
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
        var selected = names is null ? items : items.Where(i => names.Contains(Key(i))).ToList();
        var pending = new List<string>();
        foreach (var item in selected.OrderBy(Key, StringComparer.Ordinal))
        {
            var verdict = Evaluate(kind, item);
            if (verdict.State == VerdictState.Failed)
            {
                throw new TerminalFailure(kind, item, verdict);
            }

            if (verdict.State == VerdictState.Waiting)
            {
                pending.Add($"{kind.Kind} {Key(item)} ({verdict.Why})");
            }
        }

        foreach (var missing in names?.Except(selected.Select(Key)).Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
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

    private async Task<string> DiagnoseObjectsAsync(Dictionary<GitOpsKind, ResumableWatch<GitOpsObject, GitOpsObjectList>> watches, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var (kind, watch) in watches)
        {
            var names = NamesOf(kind);
            var selected = names is null ? watch.Objects : watch.Objects.Where(i => names.Contains(Key(i))).ToList();
            foreach (var item in selected)
            {
                var verdict = Evaluate(kind, item);
                if (verdict.State != VerdictState.Ready)
                {
                    text.AppendLine(await DescribeAsync(kind, item, verdict, ct).ConfigureAwait(false));
                }
            }

            foreach (var missing in names?.Except(selected.Select(Key)) ?? Enumerable.Empty<string>())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Kind} {missing}: not found");
            }
        }

        return text.Length == 0 ? "  every selected object was ready at the last look" : text.ToString().TrimEnd();
    }

    private async Task<string> DescribeAsync(GitOpsKind kind, GitOpsObject item, Verdict verdict, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  {kind.Kind} {Key(item)}: {verdict.Why}");
        if (item.Status is { ValueKind: JsonValueKind.Object } status && status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in conditions.EnumerateArray())
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"    condition {Text(c, "type")}={Text(c, "status")} {Text(c, "reason")}: {Text(c, "message")}");
            }
        }

        try
        {
            text.AppendLine().Append(await ClusterDiagnosis.EventsAsync(client, kind.Kind, item.Metadata.NamespaceProperty, item.Metadata.Name, "    ", ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (Transport.IsTransient(ex, ct) || ex is HttpOperationException)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"    (events could not be read: {ex.Message})");
        }

        return text.ToString();
    }

    private async Task WaitForControllersAsync(TimeSpan timeout, CancellationToken ct)
    {
        var ns = options.EffectiveControllersNamespace;
        var deployments = new ResumableWatch<V1Deployment, V1DeploymentList>(
            (version, watching, token) => client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(
                ns, resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time));
        var statefulSets = new ResumableWatch<V1StatefulSet, V1StatefulSetList>(
            (version, watching, token) => client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(
                ns, resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time));
        await ReadinessStep.RunAsync(
            ControllersStep,
            timeout,
            progress,
            time,
            async (step, token) =>
            {
                await deployments.UntilAsync(
                    items =>
                    {
                        var pending = items.Where(d => !IsAvailable(d)).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                        step.WaitingFor(items.Count == 0 ? $"the engine's Deployments in {ns}" : $"Deployments in {ns} to be available: {string.Join(", ", pending)}");
                        return items.Count > 0 && pending.Count == 0;
                    },
                    token).ConfigureAwait(false);
                await statefulSets.UntilAsync(
                    items =>
                    {
                        var pending = items.Where(s => !IsAvailable(s)).Select(s => s.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                        step.WaitingFor($"StatefulSets in {ns} to be ready: {string.Join(", ", pending)}");
                        return pending.Count == 0;
                    },
                    token).ConfigureAwait(false);
            },
            async (_, token) =>
            {
                var text = new StringBuilder();
                if (deployments.Objects.Count == 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  no Deployment in namespace {ns}: is the engine installed?");
                }

                foreach (var d in deployments.Objects.Where(d => !IsAvailable(d)))
                {
                    var available = d.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available");
                    text.AppendLine(CultureInfo.InvariantCulture, $"  Deployment {ns}/{d.Metadata.Name}: {d.Status?.AvailableReplicas ?? 0} of {d.Spec?.Replicas ?? 1} available; Available={available?.Status ?? "Unknown"} {available?.Reason}: {available?.Message}");
                    text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "Deployment", ns, d.Metadata.Name, "    ", token).ConfigureAwait(false));
                }

                foreach (var s in statefulSets.Objects.Where(s => !IsAvailable(s)))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  StatefulSet {ns}/{s.Metadata.Name}: {s.Status?.ReadyReplicas ?? 0} of {s.Spec?.Replicas ?? 1} ready");
                    text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "StatefulSet", ns, s.Metadata.Name, "    ", token).ConfigureAwait(false));
                }

                return text.ToString().TrimEnd();
            },
            ct).ConfigureAwait(false);
    }

    private static bool IsAvailable(V1Deployment d)
    {
        var desired = d.Spec?.Replicas ?? 1;
        var s = d.Status;
        return s is not null && s.ObservedGeneration >= d.Metadata.Generation
            && (s.AvailableReplicas ?? 0) >= desired && (s.UpdatedReplicas ?? 0) >= desired;
    }

    private static bool IsAvailable(V1StatefulSet set)
    {
        var desired = set.Spec?.Replicas ?? 1;
        var s = set.Status;
        return s is not null && s.ObservedGeneration >= set.Metadata.Generation && (s.ReadyReplicas ?? 0) >= desired;
    }

    private static string Key(GitOpsObject item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    /// <summary>A kind of GitOps object; <see cref="RevisionField"/> is Flux's status field of the applied revision (null for Argo CD).</summary>
    private sealed record GitOpsKind(string Kind, string Group, string Version, string Plural, string? RevisionField);

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

/// <summary>Where an object stands.</summary>
internal enum VerdictState
{
    /// <summary>Ready.</summary>
    Ready,

    /// <summary>On its way.</summary>
    Waiting,

    /// <summary>Failed for good.</summary>
    Failed,
}

/// <summary>Where an object stands, and why.</summary>
internal readonly record struct Verdict(VerdictState State, string Why)
{
    public static Verdict Ready(string why) => new(VerdictState.Ready, why);

    public static Verdict Waiting(string why) => new(VerdictState.Waiting, why);

    public static Verdict Failed(string why) => new(VerdictState.Failed, why);
}
