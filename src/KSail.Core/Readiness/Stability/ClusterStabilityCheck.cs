using k8s;

namespace KSail.Core.Readiness;

/// <summary>
/// The cluster stability check, as KSail does it, run after provisioning and Phase 1 components and
/// before any GitOps engine: (1) the API server answers /readyz healthy a number of times in a row
/// (transport errors reset the count), (2) every node is Ready and one is schedulable, (3) every
/// kube-system DaemonSet is ready (for a cluster without a CNI yet, <see cref="StabilityOptions.WithoutCni"/>:
/// nodes registered and lacking only the network, and only the DaemonSets on the host network), (4) for Cilium, a short-lived Pod reaches the API server's
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

        // A cluster created without a CNI whose nodes are all Ready has the user's CNI by now (cluster wait, a
        // reused cluster): then every DaemonSet can be ready, and is waited for.
        var withoutCni = options.WithoutCni && !await EveryNodeReadyAsync(ct).ConfigureAwait(false);
        await new DaemonSetsWait(client, progress, time, withoutCni).RunAsync(Limit(options.DaemonSetsTimeout), ct).ConfigureAwait(false);
        if (options.CheckApiConnectivity)
        {
            await CheckApiConnectivityAsync(Limit(options.ApiConnectivityTimeout), ct).ConfigureAwait(false);
        }

        progress?.Report(withoutCni
            ? new ProgressEvent("stability check", $"the cluster is stable as far as it can be without a CNI ({time.GetElapsedTime(started).TotalSeconds:0.0} s): install yours; until it runs, nodes stay NotReady and Pods off the host network stay Pending", ProgressLevel.Warning)
            : new ProgressEvent("stability check", $"the cluster is stable ({time.GetElapsedTime(started).TotalSeconds:0.0} s)"));
    }

    /// <summary>Step 1: /readyz answers healthy <see cref="StabilityOptions.RequiredHealthyChecks"/> times in a row.</summary>
    public Task WaitForApiServerAsync(CancellationToken ct = default) => WaitForApiServerAsync(options.ApiServerTimeout, ct);

    /// <summary>Step 2: every node Ready and at least one schedulable (no NoSchedule/NoExecute taint, not cordoned).</summary>
    public Task WaitForNodesAsync(CancellationToken ct = default) => WaitForNodesAsync(options.NodesTimeout, ct);

    /// <summary>Step 3: every kube-system DaemonSet ready (desired = ready = updated, none unavailable, current generation observed).</summary>
    public Task WaitForDaemonSetsAsync(CancellationToken ct = default) => WaitForDaemonSetsAsync(options.DaemonSetsTimeout, ct);

    /// <summary>Step 4: a short-lived Pod connects to the API server's ClusterIP on 443; the Pod is always removed.</summary>
    public Task CheckApiConnectivityAsync(CancellationToken ct = default) => CheckApiConnectivityAsync(options.ApiConnectivityTimeout, ct);

    private async Task<bool> EveryNodeReadyAsync(CancellationToken ct)
    {
        try
        {
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false);
            return nodes.Items.Count > 0 && nodes.Items.All(NodesWait.IsReady);
        }
        catch (HttpRequestException)
        {
            return false; // not known: only what runs without a CNI is waited for
        }
    }

    private Task WaitForApiServerAsync(TimeSpan timeout, CancellationToken ct) =>
        new ApiServerWait(client, options, progress, time).RunAsync(timeout, ct);

    private Task WaitForNodesAsync(TimeSpan timeout, CancellationToken ct) =>
        new NodesWait(client, progress, time, options.WithoutCni).RunAsync(timeout, ct);

    private Task WaitForDaemonSetsAsync(TimeSpan timeout, CancellationToken ct) =>
        new DaemonSetsWait(client, progress, time, options.WithoutCni).RunAsync(timeout, ct);

    private Task CheckApiConnectivityAsync(TimeSpan timeout, CancellationToken ct) =>
        new ApiConnectivityCheck(client, options, progress, time).RunAsync(timeout, ct);
}
