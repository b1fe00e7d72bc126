using KSail.Core.Distributions;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Distributions.Vanilla.Actions;

namespace KSail.Core.Tests.Distributions.Vanilla.Actions;

/// <summary>The Vanilla provisioner's action lists: kind's create order, and adding workers with create's own actions.</summary>
public sealed class KindActionsTests
{
    [Fact]
    public void Create_runs_kinds_actions_in_kinds_order_after_the_network_and_nodes()
    {
        var names = VanillaProvisioner.Create.Select(a => a.Name).ToList();

        Assert.Equal(
            [
                "check images", "create network", "create nodes", "configure the load balancer", "write kubeadm config", "configure containerd", "kubeadm init",
                "copy certificates", "install CNI", "install storage", "kubeadm join control plane", "kubeadm join",
                "allow workloads on the control plane", "export kubeconfig",
            ],
            names);
    }

    [Fact]
    public void Adding_workers_creates_configures_and_joins_them_as_create_does_with_the_token_renewed_before_the_join()
    {
        var types = VanillaProvisioner.AddWorkers.Select(a => a.GetType()).ToList();

        Assert.Equal(
            [typeof(CheckImagesAction), typeof(CreateNodesAction), typeof(WriteKubeadmConfigAction), typeof(ConfigureContainerdAction), typeof(RenewBootstrapTokenAction), typeof(JoinWorkersAction)],
            types);
        Assert.Equal("create workers", VanillaProvisioner.AddWorkers[1].Name);
        Assert.All(types.Where(t => t != typeof(RenewBootstrapTokenAction)), t => Assert.Contains(t, VanillaProvisioner.Create.Select(a => a.GetType())));
    }
}
