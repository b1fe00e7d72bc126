namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Kubeadm join control plane (kind's kubeadmjoin action, first half): the other control planes join
/// one at a time, as kind: concurrent control-plane joins are not safe (etcd membership).
/// </summary>
internal sealed class JoinControlPlanesAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "kubeadm join control plane";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        foreach (var other in context.ControlPlanes.Skip(1))
        {
            context.Steps.Begin(Name, other, other);
            await context.Steps.RunAsync(other, KubeadmJoin.Command, null, ct).ConfigureAwait(false);
        }
    }
}
