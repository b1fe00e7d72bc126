using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Readiness;

/// <summary>
/// What the cluster stability check waits for, and how long each step may take. The defaults are
/// KSail's: 3 healthy API server checks in a row for Vanilla, K3s and KWOK, 5 for Talos and
/// VCluster, within 2 minutes; nodes 2 minutes; kube-system DaemonSets 3 minutes; the in-cluster
/// API connectivity check (Cilium only) 2 minutes.
/// </summary>
public sealed record StabilityOptions
{
    /// <summary>How many /readyz checks in a row must succeed (at least 1).</summary>
    public int RequiredHealthyChecks { get; init; } = 3;

    /// <summary>The time between two /readyz checks (at least 10 ms; default 100 ms).</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one /readyz request may take before it counts as a failure (default 2 s).</summary>
    public TimeSpan HealthCheckRequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The time limit of the API server step (default 2 min).</summary>
    public TimeSpan ApiServerTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The time limit of the nodes step (default 2 min).</summary>
    public TimeSpan NodesTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The time limit of the kube-system DaemonSets step (default 3 min).</summary>
    public TimeSpan DaemonSetsTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Whether the in-cluster API connectivity step runs (KSail runs it for Cilium only).</summary>
    public bool CheckApiConnectivity { get; init; }

    /// <summary>
    /// Whether the cluster has no CNI yet (the user brings their own, <see cref="ClusterDefinition.CniDisabledBy"/>):
    /// then nodes are waited for until they register and lack nothing but the network (NotReady for
    /// NetworkReady=false), and only the kube-system DaemonSets on the host network, as nothing else can run.
    /// </summary>
    public bool WithoutCni { get; init; }

    /// <summary>The time limit of the in-cluster API connectivity step (default 2 min).</summary>
    public TimeSpan ApiConnectivityTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The image of the short-lived connectivity Pod; it needs a shell with <c>nc</c> (busybox).</summary>
    public string ApiConnectivityImage { get; init; } = "busybox:1.36";

    /// <summary>The namespace of the connectivity Pod (default <c>default</c>).</summary>
    public string ApiConnectivityNamespace { get; init; } = "default";

    /// <summary>
    /// A limit on the whole check (<c>spec.cluster.timeouts.stability</c>), over and above each
    /// step's own; null for none.
    /// </summary>
    public TimeSpan? OverallTimeout { get; init; }

    /// <summary>The defaults for <paramref name="distribution"/> and <paramref name="cni"/>, as KSail sets them.</summary>
    public static StabilityOptions For(Distribution distribution, Cni cni = Cni.Default) => new()
    {
        RequiredHealthyChecks = Distributions.DistributionRegistry.Find(distribution)?.RequiredHealthyChecks ?? (distribution is Distribution.Talos or Distribution.VCluster ? 5 : 3),
        CheckApiConnectivity = cni == Cni.Cilium,
    };

    /// <summary>
    /// The defaults for a declared cluster: its distribution and CNI, with the declaration's
    /// stability time limit over the whole check.
    /// </summary>
    public static StabilityOptions For(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var defaults = For(cluster.Distribution, cluster.Declared.Spec?.Cluster?.Cni ?? Cni.Default);
        var steps = cluster.Timeouts.StabilitySteps;
        return defaults with
        {
            OverallTimeout = cluster.Timeouts.Stability,
            WithoutCni = cluster.CniDisabledBy is not null,
            ApiServerTimeout = steps?.ApiServer ?? defaults.ApiServerTimeout,
            NodesTimeout = steps?.Nodes ?? defaults.NodesTimeout,
            DaemonSetsTimeout = steps?.DaemonSets ?? defaults.DaemonSetsTimeout,
            ApiConnectivityTimeout = steps?.ApiConnectivity ?? defaults.ApiConnectivityTimeout,
        };
    }

    /// <summary>Checks every setting and throws one exception listing every error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (RequiredHealthyChecks < 1)
        {
            errors.Add($"{nameof(RequiredHealthyChecks)} must be at least 1, not {RequiredHealthyChecks}");
        }

        if (HealthCheckInterval < TimeSpan.FromMilliseconds(10))
        {
            errors.Add($"{nameof(HealthCheckInterval)} must be at least 10 ms, not {HealthCheckInterval}");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(HealthCheckRequestTimeout), HealthCheckRequestTimeout),
            (nameof(ApiServerTimeout), ApiServerTimeout),
            (nameof(NodesTimeout), NodesTimeout),
            (nameof(DaemonSetsTimeout), DaemonSetsTimeout),
            (nameof(ApiConnectivityTimeout), ApiConnectivityTimeout),
            (nameof(OverallTimeout), OverallTimeout ?? TimeSpan.MaxValue),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{name} must be positive, not {value}");
            }
        }

        if (CheckApiConnectivity && string.IsNullOrWhiteSpace(ApiConnectivityImage))
        {
            errors.Add($"{nameof(ApiConnectivityImage)} must name an image when {nameof(CheckApiConnectivity)} is set");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid stability check options: " + string.Join("; ", errors));
        }
    }
}
