using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;
using KSail.Core.State;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// What <c>cluster update</c> changes on a KWOK cluster: the fake nodes (ksail.yaml's workers) in place,
/// as <c>kwokctl scale node</c>; kwokctl sets everything of its configuration when it creates the components.
/// </summary>
internal sealed class KwokUpdateRules : IUpdateRules
{
    /// <summary>The fake nodes KSail gives a KWOK cluster whose ksail.yaml sets no workers (KSail scales to one after create).</summary>
    public const int DefaultNodes = 1;

    /// <inheritdoc/>
    public NodeTopology Topology(JsonObject? native, ClusterSpec? cluster)
    {
        var config = native?.Deserialize<KwokctlConfiguration>(SpecJson.Options) ?? new KwokctlConfiguration();
        var images = KwokImages.Of(config);
        return new NodeTopology(1, cluster?.Workers ?? DefaultNodes, [.. KwokNames.Components.Select(c => images[c])]);
    }

    /// <inheritdoc/>
    public IEnumerable<ClusterChange> NativeChanges(JsonObject? before, JsonObject? after)
    {
        // The images are compared as the topology; the name is not a setting of the cluster.
        string[] compared = ["metadata"];
        foreach (var (path, from, to) in SpecDiff.Diff("kwokctl", SpecDiff.Without(before, compared), SpecDiff.Without(after, compared)))
        {
            if (path.StartsWith("kwokctl.options.", StringComparison.Ordinal) && path.EndsWith("Image", StringComparison.Ordinal))
            {
                continue;
            }

            yield return new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "kwokctl applies its configuration (and the Stages the kwok controller reads) when it creates the components");
        }
    }

    /// <inheritdoc/>
    public ClusterChange BuiltInChange(string field, string before, string after) => new(
        field,
        before,
        after,
        ChangeClass.InPlace,
        ChangeAction.SaveOnly,
        "a KWOK cluster has no such component of its own (its nodes are simulated); nothing to change");
}
