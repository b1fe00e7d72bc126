namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>Kubeadm init (kind's kubeadminit action): <c>kubeadm init</c> on the bootstrap control plane.</summary>
internal sealed class KubeadmInitAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "kubeadm init";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var controlPlane = context.ControlPlane;
        context.Steps.Begin(Name, controlPlane, controlPlane);
        await context.Steps.RunAsync(controlPlane, ["kubeadm", "init", "--skip-phases=preflight", "--config=/kind/kubeadm.conf", "--skip-token-print", "--v=6"], null, ct).ConfigureAwait(false);
    }
}
