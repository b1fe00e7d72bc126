using k8s.Models;
using KSail.Core.Readiness;

namespace KSail.Core.Tests.Readiness.Stability;

/// <summary>
/// The nodes step for a cluster without a CNI yet (the user brings their own): no node can be Ready,
/// so it waits until every node has registered and lacks nothing but the network.
/// </summary>
public sealed class NodesWithoutCniTests
{
    // What the kubelet's Ready condition says while no CNI config is installed (1.20 with containerd; later versions word the tail differently).
    private const string NoNetwork = "runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

    private static V1Node Node(string name, string status, string? message = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NodeSpec { Taints = status == "True" ? null : [new V1Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoSchedule" }] },
        Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = status, Reason = "KubeletNotReady", Message = message }] },
    };

    [Fact]
    public void Nodes_NotReady_only_for_the_network_pass_and_a_Ready_one_too()
    {
        Assert.Null(NodesWait.NodesWaitingForOnlyANetwork([Node("cp", "False", NoNetwork), Node("w", "True")]));
        Assert.NotNull(NodesWait.NodesWaitingFor([Node("cp", "False", NoNetwork)]));
    }

    [Fact]
    public void A_node_NotReady_for_another_reason_or_none_registered_is_still_waited_for()
    {
        Assert.Equal(
            "nodes to lack nothing but a CNI: cp, w",
            NodesWait.NodesWaitingForOnlyANetwork([Node("w", "Unknown"), Node("cp", "False", "container runtime status check may not have completed yet"), Node("ok", "False", NoNetwork)]));
        Assert.Equal("a node to register", NodesWait.NodesWaitingForOnlyANetwork([]));
    }

    [Fact]
    public void Only_Pods_on_the_host_network_need_no_CNI()
    {
        V1DaemonSet DaemonSet(bool? hostNetwork) => new() { Spec = new V1DaemonSetSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { HostNetwork = hostNetwork } } } };

        Assert.True(DaemonSetsWait.OnTheHostNetwork(DaemonSet(true)));
        Assert.False(DaemonSetsWait.OnTheHostNetwork(DaemonSet(null)));
        Assert.False(DaemonSetsWait.OnTheHostNetwork(DaemonSet(false)));
    }
}
