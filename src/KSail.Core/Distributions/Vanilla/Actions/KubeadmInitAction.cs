namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Kubeadm init (kind's kubeadminit action): <c>kubeadm init</c> on the bootstrap control plane. On
/// a cluster of one node, that node then loses kubeadm's label
/// <c>node.kubernetes.io/exclude-from-external-load-balancers</c>, so LoadBalancer Services (MetalLB,
/// cloud-provider-kind) can send traffic to it (kind <c>kubeadminit/init.go</c>; FIDELITY K40).
/// </summary>
internal sealed class KubeadmInitAction : IProvisioningAction<KindContext>
{
    /// <summary>The label kubeadm (1.21 and later) puts on control planes.</summary>
    internal const string ExcludeFromExternalLoadBalancers = "node.kubernetes.io/exclude-from-external-load-balancers";

    /// <inheritdoc/>
    public string Name => "kubeadm init";

    /// <summary>
    /// The phases init skips: preflight (kind pre-pulls the images), and with
    /// <c>kubeProxyMode: none</c> kube-proxy's addon (kind <c>kubeadm/config.go</c> <c>Derive</c>; FIDELITY K32).
    /// </summary>
    internal static string SkipPhases(KindCluster kind) => kind.Networking?.KubeProxyMode == "none" ? "preflight,addon/kube-proxy" : "preflight";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var controlPlane = context.ControlPlane;
        context.Steps.Begin(Name, controlPlane, controlPlane);
        await context.Steps.RunAsync(controlPlane, ["kubeadm", "init", $"--skip-phases={SkipPhases(context.Kind)}", "--config=/kind/kubeadm.conf", "--skip-token-print", "--v=6"], null, ct).ConfigureAwait(false);
        if (context.Cluster.Nodes.Count == 1)
        {
            await context.Steps.RunAsync(controlPlane, ["kubectl", $"--kubeconfig={VanillaProvisioner.AdminConf}", "label", "nodes", "--all", $"{ExcludeFromExternalLoadBalancers}-"], null, ct).ConfigureAwait(false);
        }
    }
}
