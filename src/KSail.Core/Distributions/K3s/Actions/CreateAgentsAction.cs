namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>Create agents: at once, each joining server-0 with the cluster's token (as create and <c>k3d node create</c>).</summary>
internal sealed class CreateAgentsAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "create agents";

    /// <inheritdoc/>
    public async Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        var agents = context.Agents;
        if (agents.Count > 0)
        {
            context.Steps.Begin(Name, string.Join(", ", agents.Select(a => a.Name)), agents[0].Name);
        }

        await Task.WhenAll(agents.Select(async agent =>
        {
            await context.Docker.RunAsync(K3sProvisioner.NodeSpec(cluster, agent, "agent", ["agent", .. K3sProvisioner.ArgsFor(cluster, agent)], [$"K3S_TOKEN={context.Token}", $"K3S_URL={context.Url}"], context.Options, context.Host, context.Registries), ct).ConfigureAwait(false);
            await context.Docker.WaitForLogAsync(agent.Name, K3sProvisioner.AgentReady, cluster.Timeouts.Provision, ct).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }
}
