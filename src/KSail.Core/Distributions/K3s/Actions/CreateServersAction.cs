namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>
/// Create servers: as k3d, with several servers, server-0 starts etcd (--cluster-init) and the others
/// join it through K3S_URL, one after the other, each once the one before is up.
/// </summary>
internal sealed class CreateServersAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "create servers";

    /// <inheritdoc/>
    public async Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        var servers = context.Servers;
        for (var i = 0; i < servers.Count; i++)
        {
            var server = servers[i];
            context.Steps.Begin(Name, server.Name, server.Name);
            var args = new List<string> { "server", "--tls-san", K3sProvisioner.ApiHost(cluster) };
            if (context.LoadBalancer is { } loadBalancer)
            {
                args.AddRange(["--tls-san", loadBalancer.Name]);
            }

            var joins = servers.Count > 1 && i > 0;
            if (servers.Count > 1 && i == 0)
            {
                args.Add("--cluster-init");
            }

            var declared = K3sProvisioner.ArgsFor(cluster, server).ToList();
            args.AddRange(declared);
            args.AddRange(K3sProvisioner.DisabledBuiltIns(cluster.Settings, declared));
            string[] env = joins ? [$"K3S_TOKEN={context.Token}", $"K3S_URL={context.Url}"] : [$"K3S_TOKEN={context.Token}"];
            await context.Docker.RunAsync(K3sProvisioner.NodeSpec(cluster, server, "server", args, env, context.Options, context.Host, context.Registries), ct).ConfigureAwait(false);
            await context.Docker.WaitForLogAsync(server.Name, K3sProvisioner.ServerReady, cluster.Timeouts.Provision, ct).ConfigureAwait(false);
        }
    }
}
