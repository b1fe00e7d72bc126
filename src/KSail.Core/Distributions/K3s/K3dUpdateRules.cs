using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;
using KSail.Core.State;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// What <c>cluster update</c> changes on a K3s cluster: k3d sets everything of its config, and K3s its
/// built-in components, when it creates the nodes; only the agent count changes in place.
/// </summary>
internal sealed class K3dUpdateRules : IUpdateRules
{
    /// <inheritdoc/>
    public NodeTopology Topology(JsonObject? native, ClusterSpec? cluster)
    {
        var k3d = native?.Deserialize<K3dSimpleConfig>(SpecJson.Options);
        var servers = k3d?.Servers ?? cluster?.ControlPlanes ?? 1;
        var agents = k3d?.Agents ?? cluster?.Workers ?? 0;
        return new NodeTopology(servers, agents, [k3d?.Image ?? "(k3d's default)"]);
    }

    /// <inheritdoc/>
    public IEnumerable<ClusterChange> NativeChanges(JsonObject? before, JsonObject? after)
    {
        // The counts and the image are compared as the topology; the name and the token are not settings of the cluster.
        string[] compared = ["servers", "agents", "image", "metadata", "token"];
        foreach (var (path, from, to) in SpecDiff.Diff("k3d", SpecDiff.Without(before, compared), SpecDiff.Without(after, compared)))
        {
            var what = SpecDiff.Under(path, "k3d.network") || SpecDiff.Under(path, "k3d.subnet") || SpecDiff.Under(path, "k3d.kubeAPI") || SpecDiff.Under(path, "k3d.ports")
                ? "network settings are set when the cluster is created"
                : "k3d applies its config when it creates the nodes";
            yield return new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, what);
        }
    }

    /// <inheritdoc/>
    public ClusterChange BuiltInChange(string field, string before, string after) => new(
        field,
        before,
        after,
        ChangeClass.RecreateRequired,
        ChangeAction.None,
        field switch
        {
            ClusterFields.Csi => "K3s's built-in local-path-provisioner is disabled only when the server starts (--disable local-storage)",
            ClusterFields.MetricsServer => "K3s's built-in metrics-server is disabled only when the server starts (--disable metrics-server)",
            _ => "K3s's ServiceLB is set when the server starts (--disable servicelb)",
        });
}
