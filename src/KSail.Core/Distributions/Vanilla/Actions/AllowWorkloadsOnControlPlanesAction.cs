using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Allow workloads on the control plane: with no worker in the cluster, the control-plane taints go,
/// so workloads (and KSail's stability check) find a schedulable node. kind's kubeadminit does this
/// only for a single node.
/// </summary>
internal sealed class AllowWorkloadsOnControlPlanesAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "allow workloads on the control plane";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        if (context.Cluster.Nodes.Any(n => n.Role == NodeRole.Worker))
        {
            return;
        }

        context.Steps.Begin(Name);
        foreach (var taint in new[] { "node-role.kubernetes.io/master-", "node-role.kubernetes.io/control-plane-" })
        {
            // kind removes both; a node carries one or the other depending on its version.
            await context.Docker.ExecAsync(context.ControlPlane, ["kubectl", $"--kubeconfig={VanillaProvisioner.AdminConf}", "taint", "nodes", "--all", taint], ct: ct).ConfigureAwait(false);
        }
    }
}
