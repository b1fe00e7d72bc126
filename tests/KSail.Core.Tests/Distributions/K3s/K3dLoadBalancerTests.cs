using KSail.Core.Distributions.K3s;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>The config k3d writes into its server load balancer: /etc/confd/values.yaml.</summary>
public sealed class K3dLoadBalancerTests
{
    [Fact]
    public void Values_map_each_port_to_the_nodes_behind_it_as_k3d_writes_them()
    {
        using var dir = new ScratchDirectory();
        dir.Write(
            "k3d.yaml",
            "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nagents: 2\nports:\n"
            + "  - port: 8080:80\n    nodeFilters:\n      - loadbalancer\n"
            + "  - port: 8081:80\n    nodeFilters:\n      - agent:1\n"
            + "  - port: 5353:53/udp\n    nodeFilters:\n      - agent:0\n"
            + "  - port: 9000:9000\n    nodeFilters:\n      - server:0:direct\n");
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: v\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n"));

        var values = K3dLoadBalancer.Values(cluster, "k3d-v-serverlb", new K3dLoadBalancerSettings());

        Assert.Equal(
            """
            ports:
              53.udp:
              - k3d-v-agent-0
              6443.tcp:
              - k3d-v-server-0
              80.tcp:
              - k3d-v-server-0
              - k3d-v-agent-0
              - k3d-v-agent-1
            settings:
              workerConnections: 1024

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            values);
    }

    [Fact]
    public void Settings_carry_the_overrides()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: v\nspec:\n  cluster:\n    distribution: K3s\n"));

        var values = K3dLoadBalancer.Values(cluster, "k3d-v-serverlb", new K3dLoadBalancerSettings(2048, 900));

        Assert.EndsWith("settings:\n  defaultProxyTimeout: 900\n  workerConnections: 2048\n", values, StringComparison.Ordinal);
    }
}
