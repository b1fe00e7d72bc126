using System.Text;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Install storage (kind's installstorage action): the node image's default storage, when
/// <c>spec.cluster.csi</c> is Default and the image has one.
/// </summary>
internal sealed class InstallStorageAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "install storage";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        if (!VanillaProvisioner.InstallsDefaultStorage(context.Cluster.Settings))
        {
            return;
        }

        var controlPlane = context.ControlPlane;
        context.Steps.Begin(Name);
        var storage = await context.Docker.ExecAsync(controlPlane, ["cat", "/kind/manifests/default-storage.yaml"], ct: ct).ConfigureAwait(false);
        if (storage.ExitCode == 0)
        {
            context.Steps.Begin(Name, "the node image's default storage");
            await context.Steps.RunAsync(controlPlane, ["kubectl", $"--kubeconfig={VanillaProvisioner.AdminConf}", "apply", "-f", "-"], Encoding.UTF8.GetBytes(storage.Output), ct).ConfigureAwait(false);
        }
    }
}
