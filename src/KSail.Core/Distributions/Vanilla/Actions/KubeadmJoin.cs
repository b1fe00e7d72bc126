namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>What a node runs to join, as kind's kubeadmjoin action runs it.</summary>
internal static class KubeadmJoin
{
    /// <summary>The node's own kubeadm config, no preflight checks.</summary>
    public static readonly string[] Command = ["kubeadm", "join", "--config", "/kind/kubeadm.conf", "--skip-phases=preflight", "--v=6"];
}
