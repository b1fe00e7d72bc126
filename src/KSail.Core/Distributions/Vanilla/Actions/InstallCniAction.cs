using System.Text;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Install CNI (kind's installcni action): the node image's default CNI, templated and patched as
/// kind does (<see cref="KindCniManifest"/>), unless kind.yaml disables it.
/// </summary>
internal sealed class InstallCniAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "install CNI";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        if (context.Kind.Networking?.DisableDefaultCni == true)
        {
            return;
        }

        var controlPlane = context.ControlPlane;
        context.Steps.Begin(Name, "the node image's default CNI");
        var cni = Encoding.UTF8.GetString(await context.Docker.ReadFileAsync(controlPlane, "/kind/manifests/default-cni.yaml", ct).ConfigureAwait(false));
        cni = KindCniManifest.Prepare(cni, context.PodSubnet, $"{context.LoadBalancer?.Name ?? controlPlane}:{KubeadmConfig.ApiServerPort}");
        await context.Steps.RunAsync(controlPlane, ["kubectl", "create", $"--kubeconfig={VanillaProvisioner.AdminConf}", "-f", "-"], Encoding.UTF8.GetBytes(cni), ct).ConfigureAwait(false);
    }
}
