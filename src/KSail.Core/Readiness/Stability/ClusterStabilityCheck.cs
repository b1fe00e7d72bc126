using System.Globalization;
using System.Net;
using System.Text;
using k8s;
using k8s.Models;
using KSail.Core.Labels;

namespace KSail.Core.Readiness;

/// <summary>
/// The cluster stability check, as KSail does it, run after provisioning and Phase 1 components and
/// before any GitOps engine: (1) the API server answers /readyz healthy a number of times in a row
/// (transport errors reset the count), (2) every node is Ready and one is schedulable, (3) every
/// kube-system DaemonSet is ready, (4) for Cilium, a short-lived Pod reaches the API server's
/// ClusterIP on 443. Every step watches (only /readyz, which has no watch, is polled at a short
/// interval), reports progress, and on timeout throws a <see cref="ReadinessTimeoutException"/>
/// (exit code 6) with a diagnosis.
/// </summary>
public sealed class ClusterStabilityCheck
{
    /// <summary>The name of the API server step in progress events and errors.</summary>
    public const string ApiServerStep = "wait for a stable API server";

    /// <summary>The name of the nodes step.</summary>
    public const string NodesStep = "wait for nodes";

    /// <summary>The name of the DaemonSets step.</summary>
    public const string DaemonSetsStep = "wait for kube-system DaemonSets";

    /// <summary>The name of the in-cluster API connectivity step.</summary>
    public const string ApiConnectivityStep = "check in-cluster API connectivity";

    private const string SystemNamespace = "kube-system";
    private readonly IKubernetes client;
    private readonly StabilityOptions options;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;

    /// <summary>Creates the check for the cluster <paramref name="client"/> talks to.</summary>
    /// <param name="client">A client of the cluster (e.g. built from its kubeconfig).</param>
    /// <param name="options">What to wait for; <see cref="StabilityOptions.For(Configuration.ClusterDefinition)"/> gives KSail's defaults.</param>
    /// <param name="progress">Receives what each step waits for and how long so far.</param>
    /// <param name="time">The clock of every wait and time limit (default: the system's).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ClusterStabilityCheck(IKubernetes client, StabilityOptions options, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.client = client;
        this.options = options;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Runs every step in order; returns once the cluster is stable.</summary>
    /// <exception cref="ReadinessTimeoutException">A step did not pass within its time limit (or the whole check within <see cref="StabilityOptions.OverallTimeout"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task CheckAsync(CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        TimeSpan Limit(TimeSpan step)
        {
            if (options.OverallTimeout is not { } overall)
            {
                return step;
            }

            var left = overall - time.GetElapsedTime(started);
            return left < step ? (left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)) : step;
        }

        await WaitForApiServerAsync(Limit(options.ApiServerTimeout), ct).ConfigureAwait(false);
        await WaitForNodesAsync(Limit(options.NodesTimeout), ct).ConfigureAwait(false);
        await WaitForDaemonSetsAsync(Limit(options.DaemonSetsTimeout), ct).ConfigureAwait(false);
        if (options.CheckApiConnectivity)
        {
            await CheckApiConnectivityAsync(Limit(options.ApiConnectivityTimeout), ct).ConfigureAwait(false);
        }

        progress?.Report(new ProgressEvent("stability check", $"the cluster is stable ({time.GetElapsedTime(started).TotalSeconds:0.0} s)"));
    }

    /// <summary>Step 1: /readyz answers healthy <see cref="StabilityOptions.RequiredHealthyChecks"/> times in a row.</summary>
    public Task WaitForApiServerAsync(CancellationToken ct = default) => WaitForApiServerAsync(options.ApiServerTimeout, ct);

    /// <summary>Step 2: every node Ready and at least one schedulable (no NoSchedule/NoExecute taint, not cordoned).</summary>
    public Task WaitForNodesAsync(CancellationToken ct = default) => WaitForNodesAsync(options.NodesTimeout, ct);

    /// <summary>Step 3: every kube-system DaemonSet ready (desired = ready = updated, none unavailable, current generation observed).</summary>
    public Task WaitForDaemonSetsAsync(CancellationToken ct = default) => WaitForDaemonSetsAsync(options.DaemonSetsTimeout, ct);

    /// <summary>Step 4: a short-lived Pod connects to the API server's ClusterIP on 443; the Pod is always removed.</summary>
    public Task CheckApiConnectivityAsync(CancellationToken ct = default) => CheckApiConnectivityAsync(options.ApiConnectivityTimeout, ct);

    private Task WaitForApiServerAsync(TimeSpan timeout, CancellationToken ct)
    {
        var required = options.RequiredHealthyChecks;
        var inARow = 0;
        var resets = 0;
        var lastFailure = "none";
        return ReadinessStep.RunAsync(
            ApiServerStep,
            timeout,
            progress,
            time,
            async (step, token) =>
            {
                while (true)
                {
                    var failure = await ProbeAsync(token).ConfigureAwait(false);
                    if (failure is null)
                    {
                        if (++inARow >= required)
                        {
                            return;
                        }

                        step.WaitingFor($"{required} healthy /readyz answers in a row ({inARow} so far)");
                    }
                    else
                    {
                        if (inARow > 0)
                        {
                            resets++;
                            step.Detail($"/readyz failed after {inARow} healthy answers, counting again: {failure}");
                        }

                        inARow = 0;
                        lastFailure = failure;
                        step.WaitingFor($"a healthy /readyz answer (last: {failure})");
                    }

                    await Task.Delay(options.HealthCheckInterval, time, token).ConfigureAwait(false);
                }
            },
            (_, _) => Task.FromResult(
                $"  API server {client.BaseUri}: {inARow} healthy /readyz answers in a row of {required} required; count reset {resets} times{Environment.NewLine}"
                + $"  last failed check: {lastFailure}"),
            ct);
    }

    /// <summary>One /readyz check: null when healthy, else what failed.</summary>
    private async Task<string?> ProbeAsync(CancellationToken ct)
    {
        using var limit = new CancellationTokenSource(options.HealthCheckRequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, ct);
        try
        {
            if (client is not Kubernetes concrete)
            {
                // Another IKubernetes: an API call stands in for /readyz.
                await client.Version.GetCodeAsync(linked.Token).ConfigureAwait(false);
                return null;
            }

            var baseUri = concrete.BaseUri.AbsoluteUri.EndsWith('/') ? concrete.BaseUri : new Uri(concrete.BaseUri.AbsoluteUri + "/");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "readyz"));
            if (concrete.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, linked.Token).ConfigureAwait(false);
            }

            using var response = await concrete.HttpClient.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var failing = body.Split('\n').Where(l => l.StartsWith("[-]", StringComparison.Ordinal)).Select(l => l.Trim());
            return $"HTTP {(int)response.StatusCode} {string.Join(", ", failing)}".TrimEnd();
        }
        catch (Exception ex) when (Transport.IsTransient(ex, ct) || ex is k8s.Autorest.HttpOperationException)
        {
            return ex is OperationCanceledException
                ? $"no answer within {options.HealthCheckRequestTimeout.TotalSeconds:0.#} s"
                : ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        }
    }

    private Task WaitForNodesAsync(TimeSpan timeout, CancellationToken ct)
    {
        var watch = new ResumableWatch<V1Node, V1NodeList>(
            (version, watching, token) => client.CoreV1.ListNodeWithHttpMessagesAsync(
                resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time, message => progress?.Report(new ProgressEvent(NodesStep, $"reconnecting: {message}", ProgressLevel.Debug))));
        return ReadinessStep.RunAsync(
            NodesStep,
            timeout,
            progress,
            time,
            (step, token) => watch.UntilAsync(
                nodes =>
                {
                    var waiting = NodesWaitingFor(nodes);
                    if (waiting is null)
                    {
                        return true;
                    }

                    step.WaitingFor(waiting);
                    return false;
                },
                token),
            (_, token) => DiagnoseNodesAsync(watch.Objects, token),
            ct);
    }

    /// <summary>What the nodes still lack, or null when all are Ready and one is schedulable.</summary>
    internal static string? NodesWaitingFor(IReadOnlyCollection<V1Node> nodes)
    {
        if (nodes.Count == 0)
        {
            return "a node to register";
        }

        var notReady = nodes.Where(n => !IsReady(n)).Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        if (notReady.Count > 0)
        {
            return $"nodes to be Ready: {string.Join(", ", notReady)}";
        }

        return nodes.Any(n => Unschedulable(n) is null)
            ? null
            : $"a schedulable node ({string.Join("; ", nodes.Select(n => $"{n.Metadata.Name}: {Unschedulable(n)}"))})";
    }

    private static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Why no Pod can be scheduled to <paramref name="node"/>, or null if one can.</summary>
    private static string? Unschedulable(V1Node node)
    {
        if (node.Spec?.Unschedulable == true)
        {
            return "cordoned";
        }

        var taints = node.Spec?.Taints?.Where(t => t.Effect is "NoSchedule" or "NoExecute").ToList() ?? [];
        return taints.Count == 0
            ? null
            : "tainted " + string.Join(", ", taints.Select(t => $"{t.Key}{(string.IsNullOrEmpty(t.Value) ? string.Empty : "=" + t.Value)}:{t.Effect}"));
    }

    private async Task<string> DiagnoseNodesAsync(IReadOnlyCollection<V1Node> nodes, CancellationToken ct)
    {
        if (nodes.Count == 0)
        {
            return "  no node has registered with the API server";
        }

        var text = new StringBuilder();
        foreach (var node in nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            text.Append(CultureInfo.InvariantCulture, $"  Node {node.Metadata.Name}: Ready={ready?.Status ?? "Unknown"}");
            if (ready is not null && ready.Status != "True")
            {
                text.Append(CultureInfo.InvariantCulture, $" {ready.Reason}: {ready.Message}");
            }

            if (Unschedulable(node) is { } why)
            {
                text.Append("; not schedulable: ").Append(why);
            }

            text.AppendLine();
            if (!IsReady(node) || Unschedulable(node) is not null)
            {
                text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "Node", null, node.Metadata.Name, "    ", ct).ConfigureAwait(false));
            }
        }

        return text.ToString().TrimEnd();
    }

    private Task WaitForDaemonSetsAsync(TimeSpan timeout, CancellationToken ct)
    {
        var watch = new ResumableWatch<V1DaemonSet, V1DaemonSetList>(
            (version, watching, token) => client.AppsV1.ListNamespacedDaemonSetWithHttpMessagesAsync(
                SystemNamespace, resourceVersion: version, watch: watching, allowWatchBookmarks: watching ? true : null, cancellationToken: token),
            Transport.Retry(time, message => progress?.Report(new ProgressEvent(DaemonSetsStep, $"reconnecting: {message}", ProgressLevel.Debug))));
        return ReadinessStep.RunAsync(
            DaemonSetsStep,
            timeout,
            progress,
            time,
            (step, token) => watch.UntilAsync(
                daemonSets =>
                {
                    var waiting = daemonSets.Where(d => !IsReady(d)).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                    if (waiting.Count == 0)
                    {
                        return true;
                    }

                    step.WaitingFor($"DaemonSets to be ready: {string.Join(", ", waiting)}");
                    return false;
                },
                token),
            (_, token) => DiagnoseDaemonSetsAsync(watch.Objects, token),
            ct);
    }

    /// <summary>Whether a DaemonSet is ready: current generation observed, desired = ready = updated, none unavailable.</summary>
    internal static bool IsReady(V1DaemonSet daemonSet)
    {
        var status = daemonSet.Status;
        return status is not null
            && status.ObservedGeneration >= daemonSet.Metadata.Generation
            && status.NumberReady == status.DesiredNumberScheduled
            && status.UpdatedNumberScheduled == status.DesiredNumberScheduled
            && (status.NumberUnavailable ?? 0) == 0;
    }

    private async Task<string> DiagnoseDaemonSetsAsync(IReadOnlyCollection<V1DaemonSet> daemonSets, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var daemonSet in daemonSets.Where(d => !IsReady(d)).OrderBy(d => d.Metadata.Name, StringComparer.Ordinal))
        {
            var s = daemonSet.Status;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  DaemonSet {SystemNamespace}/{daemonSet.Metadata.Name}: desired {s?.DesiredNumberScheduled}, ready {s?.NumberReady}, updated {s?.UpdatedNumberScheduled}, unavailable {s?.NumberUnavailable ?? 0}, observed generation {s?.ObservedGeneration?.ToString(CultureInfo.InvariantCulture) ?? "none"} of {daemonSet.Metadata.Generation}");
            text.AppendLine(await ClusterDiagnosis.EventsAsync(client, "DaemonSet", SystemNamespace, daemonSet.Metadata.Name, "    ", ct).ConfigureAwait(false));
            var labels = daemonSet.Spec?.Selector?.MatchLabels;
            if (labels is null || labels.Count == 0)
            {
                continue;
            }

            var pods = await client.CoreV1.ListNamespacedPodAsync(
                SystemNamespace, labelSelector: string.Join(',', labels.Select(l => $"{l.Key}={l.Value}")), cancellationToken: ct).ConfigureAwait(false);
            foreach (var pod in pods.Items.Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true).Take(3))
            {
                text.AppendLine(await ClusterDiagnosis.PodAsync(client, pod, "    ", ct).ConfigureAwait(false));
            }
        }

        return text.Length == 0 ? "  every DaemonSet was ready at the last look" : text.ToString().TrimEnd();
    }

    private async Task CheckApiConnectivityAsync(TimeSpan timeout, CancellationToken ct)
    {
        V1Pod? last = null;
        string? failedAttempt = null;
        var serviceAccountSeen = false;
        var name = $"ksail-api-connectivity-{Guid.NewGuid().ToString("N")[..6]}";
        var ns = options.ApiConnectivityNamespace;
        try
        {
            await ReadinessStep.RunAsync(
                ApiConnectivityStep,
                timeout,
                progress,
                time,
                async (step, token) =>
                {
                    var service = await Transport.Retry(time).ExecuteAsync(
                        async t => await client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default", cancellationToken: t).ConfigureAwait(false), token).ConfigureAwait(false);
                    var address = service.Spec.ClusterIP;

                    // A Pod is refused (403) until its namespace's ServiceAccount "default" exists,
                    // which the controller manager creates some time after the API server is up.
                    step.WaitingFor($"ServiceAccount {ns}/default (Pods in {ns} are refused until it exists)");
                    await WaitForDefaultServiceAccountAsync(ns, token).ConfigureAwait(false);
                    serviceAccountSeen = true;
                    var attempt = 0;
                    while (true)
                    {
                        attempt++;
                        step.WaitingFor($"Pod {ns}/{name} to connect to {address}:443 (attempt {attempt})");
                        last = null;
                        last = await RunConnectivityPodAsync(name, ns, address, pod => last = pod, token).ConfigureAwait(false);
                        if (last.Status?.Phase == "Succeeded")
                        {
                            return;
                        }

                        // Keep what the failed attempt said (its log goes with the Pod), then try again.
                        failedAttempt = await ClusterDiagnosis.PodAsync(client, last, "  ", token).ConfigureAwait(false);
                        step.Detail($"Pod {ns}/{name} could not connect to {address}:443; trying again");
                        await DeletePodAsync(name, ns, token).ConfigureAwait(false);
                    }
                },
                async (_, token) =>
                {
                    var text = new StringBuilder();
                    if (last is not null)
                    {
                        var now = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: token).ConfigureAwait(false);
                        text.AppendLine(await ClusterDiagnosis.PodAsync(client, now.Items.FirstOrDefault() ?? last, "  ", token).ConfigureAwait(false));
                    }

                    if (failedAttempt is not null)
                    {
                        text.AppendLine("  an earlier attempt failed:").AppendLine(failedAttempt);
                    }

                    if (text.Length > 0)
                    {
                        return text.ToString().TrimEnd();
                    }

                    return serviceAccountSeen
                        ? $"  Pod {ns}/{name} was not created"
                        : $"  ServiceAccount {ns}/default does not exist, so Pod {ns}/{name} could not be created (is the namespace there, and is the controller manager running?)";
                },
                ct).ConfigureAwait(false);
        }
        finally
        {
            await DeletePodAsync(name, ns, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<V1Pod> RunConnectivityPodAsync(string name, string ns, string address, Action<V1Pod> seen, CancellationToken ct)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [ResourceLabels.ManagedBy] = ResourceLabels.Tool },
            },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                AutomountServiceAccountToken = false,
                TerminationGracePeriodSeconds = 0,
                Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                Containers =
                [
                    new V1Container
                    {
                        Name = "connect",
                        Image = options.ApiConnectivityImage,
                        ImagePullPolicy = "IfNotPresent",
                        Command = ["sh", "-c", $"nc -z -w 5 {address} 443 && echo connected to {address}:443"],
                    },
                ],
            },
        };
        try
        {
            seen(await Transport.Retry(time).ExecuteAsync(
                async t => await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: t).ConfigureAwait(false), ct).ConfigureAwait(false));
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // An attempt whose answer was lost created it; the watch below sees it.
        }

        V1Pod? finished = null;
        var watch = new ResumableWatch<V1Pod, V1PodList>(
            (version, watching, token) => client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
                ns, fieldSelector: $"metadata.name={name}", resourceVersion: version, watch: watching, cancellationToken: token),
            Transport.Retry(time));
        await watch.UntilAsync(
            pods =>
            {
                foreach (var p in pods)
                {
                    seen(p);
                }

                finished = pods.FirstOrDefault(p => p.Status?.Phase is "Succeeded" or "Failed");
                return finished is not null;
            },
            ct).ConfigureAwait(false);
        return finished!;
    }

    private Task WaitForDefaultServiceAccountAsync(string ns, CancellationToken ct) =>
        new ResumableWatch<V1ServiceAccount, V1ServiceAccountList>(
            (version, watching, token) => client.CoreV1.ListNamespacedServiceAccountWithHttpMessagesAsync(
                ns, fieldSelector: "metadata.name=default", resourceVersion: version, watch: watching, cancellationToken: token),
            Transport.Retry(time))
            .UntilAsync(accounts => accounts.Count > 0, ct);

    private async Task DeletePodAsync(string name, string ns, CancellationToken ct)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, ct);
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(name, ns, gracePeriodSeconds: 0, cancellationToken: linked.Token).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (Exception ex) when (Transport.IsTransient(ex, ct))
        {
            progress?.Report(new ProgressEvent(ApiConnectivityStep, $"could not remove Pod {ns}/{name}: {ex.Message}", ProgressLevel.Warning));
        }
    }
}
