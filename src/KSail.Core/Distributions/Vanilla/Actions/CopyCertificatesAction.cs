namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Copy certificates: as kind, the cluster's CAs, service-account keys and admin kubeconfig go from
/// the bootstrap control plane to the others before they join. Nothing with one control plane.
/// </summary>
internal sealed class CopyCertificatesAction : IProvisioningAction<KindContext>
{
    // What kind copies from the bootstrap control plane to the others after kubeadm init.
    private static readonly string[] SharedControlPlaneFiles =
    [
        VanillaProvisioner.AdminConf,
        "/etc/kubernetes/pki/ca.crt", "/etc/kubernetes/pki/ca.key",
        "/etc/kubernetes/pki/front-proxy-ca.crt", "/etc/kubernetes/pki/front-proxy-ca.key",
        "/etc/kubernetes/pki/sa.pub", "/etc/kubernetes/pki/sa.key",
        "/etc/kubernetes/pki/etcd/ca.crt", "/etc/kubernetes/pki/etcd/ca.key",
    ];

    /// <inheritdoc/>
    public string Name => "copy certificates";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        if (context.ControlPlanes.Count <= 1)
        {
            return;
        }

        var controlPlane = context.ControlPlane;
        var others = context.ControlPlanes.Skip(1).ToList();
        context.Steps.Begin(Name, string.Join(", ", others));
        foreach (var file in SharedControlPlaneFiles)
        {
            context.Steps.Node = controlPlane;
            var content = await context.Docker.ReadFileAsync(controlPlane, file, ct).ConfigureAwait(false);
            foreach (var other in others)
            {
                await context.Steps.WriteFileAsync(other, file, content, ct).ConfigureAwait(false);
            }
        }
    }
}
