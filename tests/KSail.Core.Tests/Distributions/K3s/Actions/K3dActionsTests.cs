using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.K3s.Actions;

namespace KSail.Core.Tests.Distributions.K3s.Actions;

/// <summary>The K3s provisioner's action lists: k3d's create order, and adding agents with create's own actions.</summary>
public sealed class K3dActionsTests
{
    [Fact]
    public void Create_runs_servers_then_agents_then_the_load_balancer_as_k3d_does()
    {
        Assert.Equal(
            ["check images", "create network", "create registries", "create servers", "create agents", "apply LocalRegistryHosting", "create load balancer", "export kubeconfig"],
            K3sProvisioner.Create.Select(a => a.Name));
    }

    [Fact]
    public void Adding_agents_reuses_creates_image_check_and_agent_action()
    {
        var create = K3sProvisioner.Create.Select(a => a.GetType()).ToList();

        Assert.Equal(["check images", "create agents"], K3sProvisioner.AddAgents.Select(a => a.Name));
        Assert.All(K3sProvisioner.AddAgents, a => Assert.Contains(a.GetType(), create));
        Assert.Contains(typeof(CreateAgentsAction), K3sProvisioner.AddAgents.Select(a => a.GetType()));
    }
}
