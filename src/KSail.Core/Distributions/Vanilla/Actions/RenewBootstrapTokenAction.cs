namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>Renew the bootstrap token: before workers join a running cluster (the token expires 24 h after create).</summary>
internal sealed class RenewBootstrapTokenAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "renew the bootstrap token";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var controlPlane = context.ControlPlane;
        context.Steps.Begin(Name, controlPlane, controlPlane);
        await context.Steps.RunAsync(
            controlPlane,
            ["sh", "-c", $"kubeadm token delete {KubeadmConfig.Token} >/dev/null 2>&1; kubeadm token create {KubeadmConfig.Token} --ttl 24h >/dev/null"],
            null,
            ct).ConfigureAwait(false);
    }
}
