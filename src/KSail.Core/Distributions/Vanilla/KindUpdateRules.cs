using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;
using KSail.Core.State;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// What <c>cluster update</c> changes on a Vanilla cluster: kind sets its config when it creates the
/// nodes; workers are added and removed in place.
/// </summary>
internal sealed class KindUpdateRules : IUpdateRules
{
    /// <inheritdoc/>
    public NodeTopology Topology(JsonObject? native, ClusterSpec? cluster)
    {
        var kind = native?.Deserialize<KindCluster>(SpecJson.Options);
        if (kind?.Nodes is { Count: > 0 } nodes)
        {
            return new NodeTopology(
                nodes.Count(n => (n.Role ?? "control-plane") == "control-plane"),
                nodes.Count(n => n.Role == "worker"),
                nodes.Select(n => n.Image ?? KindCluster.DefaultImage).ToList());
        }

        var controlPlanes = Math.Max(cluster?.ControlPlanes ?? 1, 1);
        var workers = Math.Max(cluster?.Workers ?? 0, 0);
        return new NodeTopology(controlPlanes, workers, Enumerable.Repeat(KindCluster.DefaultImage, controlPlanes + workers).ToList());
    }

    /// <inheritdoc/>
    public IEnumerable<ClusterChange> NativeChanges(JsonObject? before, JsonObject? after)
    {
        foreach (var (path, from, to) in SpecDiff.Diff("kind", SpecDiff.Without(before, "nodes", "name"), SpecDiff.Without(after, "nodes", "name")))
        {
            var what = SpecDiff.Under(path, "kind.networking") ? "network settings are set when the cluster is created" : "kind applies its config when it creates the nodes";
            yield return new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, what);
        }

        // Node settings other than role and image (mounts, ports, labels, patches) of the nodes both have.
        var nodesBefore = before?["nodes"]?.AsArray();
        var nodesAfter = after?["nodes"]?.AsArray();
        var shared = Math.Min(nodesBefore?.Count ?? 0, nodesAfter?.Count ?? 0);
        for (var i = 0; i < shared; i++)
        {
            var a = SpecDiff.Without(nodesBefore![i]!.AsObject(), "role", "image");
            var b = SpecDiff.Without(nodesAfter![i]!.AsObject(), "role", "image");
            foreach (var (path, from, to) in SpecDiff.Diff($"kind.nodes[{i}]", a, b))
            {
                yield return new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "a node container's mounts, ports and settings are set when it is created");
            }
        }
    }

    /// <inheritdoc/>
    public ClusterChange BuiltInChange(string field, string before, string after) => field switch
    {
        ClusterFields.Csi => new(field, before, after, ChangeClass.InPlace, ChangeAction.NotBuilt, "in place in KSail, but removing or restoring kind's default storage is not built in KSail.NET yet"),
        ClusterFields.MetricsServer => new(field, before, after, ChangeClass.InPlace, ChangeAction.SaveOnly, "kind ships none either way: nothing to change in the cluster"),
        _ => new(field, before, after, ChangeClass.InPlace, ChangeAction.NotBuilt, "in place in KSail, but installing a load balancer is not built in KSail.NET yet"),
    };
}
