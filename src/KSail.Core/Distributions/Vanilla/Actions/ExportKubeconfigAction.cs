using System.Text;
using KSail.Core.Kubeconfig;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>Export kubeconfig: the bootstrap control plane's admin.conf, pointed at the API endpoint published on the host, with kind's context name.</summary>
internal sealed class ExportKubeconfigAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "export kubeconfig";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        context.Steps.Begin(Name);
        var hostPort = await context.Docker.HostPortAsync(cluster.Ports[0].Node, KubeadmConfig.ApiServerPort, ct: ct).ConfigureAwait(false)
            ?? throw new ProvisioningException($"the API port of {cluster.Ports[0].Node} is not published");
        var server = ApiEndpoint.For(cluster.Ports[0].ListenAddress, hostPort);
        var admin = Encoding.UTF8.GetString(await context.Docker.ReadFileAsync(context.ControlPlane, VanillaProvisioner.AdminConf, ct).ConfigureAwait(false));
        var kubeconfig = Kubeconfigs.Rewrite(admin, cluster.ContextName, server);
        context.Steps.Begin(Name, $"context {cluster.ContextName} at {server}");
        context.Created = new CreatedCluster(cluster.Name, cluster.ContextName, server, kubeconfig);
    }
}
