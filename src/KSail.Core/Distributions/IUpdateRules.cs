using System.Text.Json.Nodes;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;

namespace KSail.Core.Distributions;

/// <summary>The nodes a spec declares: counts by role, and the images of the nodes in order.</summary>
/// <param name="ControlPlanes">Control-plane nodes (kind control planes, k3d servers).</param>
/// <param name="Workers">Worker nodes (kind workers, k3d agents).</param>
/// <param name="Images">The node images.</param>
public sealed record NodeTopology(int ControlPlanes, int Workers, IReadOnlyList<string> Images);

/// <summary>
/// What <c>cluster update</c> may change in place for one distribution, and what needs a new cluster.
/// The native config comes as the saved spec keeps it (<see cref="INativeConfigFormat.StateKey"/>, secrets redacted).
/// </summary>
public interface IUpdateRules
{
    /// <summary>The nodes declared by a native config (null: none saved) under ksail.yaml's <paramref name="cluster"/> settings.</summary>
    NodeTopology Topology(JsonObject? native, ClusterSpec? cluster);

    /// <summary>The changes of the native config other than its node counts and images, each classified.</summary>
    IEnumerable<ClusterChange> NativeChanges(JsonObject? before, JsonObject? after);

    /// <summary>
    /// What a change of the distribution's own component at <paramref name="field"/> takes
    /// from <paramref name="before"/> to <paramref name="after"/> (<c>spec.cluster.csi</c> or <c>spec.cluster.metricsServer</c> between Default and Disabled;
    /// <c>spec.cluster.loadBalancer</c> in any direction).
    /// </summary>
    ClusterChange BuiltInChange(string field, string before, string after);
}
