using System.Text;
using KSail.Core.Kubeconfig;

namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>Export kubeconfig: server-0's k3s.yaml, pointed at the API's host port (the load balancer's when there is one, else server-0's), with k3d's context name.</summary>
internal sealed class ExportKubeconfigAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "export kubeconfig";

    /// <inheritdoc/>
    public async Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        var apiNode = cluster.Ports[0].Node;
        context.Steps.Begin(Name, node: apiNode);
        var hostPort = await context.Docker.HostPortAsync(apiNode, 6443, ct: ct).ConfigureAwait(false)
            ?? throw new ProvisioningException($"the API port of {apiNode} is not published");
        var server = ApiEndpoint.For(K3sProvisioner.ApiHost(cluster), hostPort);
        var written = Encoding.UTF8.GetString(await context.Docker.ReadFileAsync(context.Server0, K3sProvisioner.K3sKubeconfig, ct).ConfigureAwait(false));
        var kubeconfig = Kubeconfigs.Rewrite(written, cluster.ContextName, server);
        context.Steps.Begin(Name, $"context {cluster.ContextName} at {server}");
        context.Created = new CreatedCluster(cluster.Name, cluster.ContextName, server, kubeconfig);
    }
}
