using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// k3d's server load balancer in the cluster definition: its image (k3d's, or the one
/// K3D_IMAGE_LOADBALANCER names), and which ports it publishes and forwards to which nodes, as
/// k3d's port transformation decides.
/// </summary>
public sealed class K3dLoadBalancerDefinitionTests : IDisposable
{
    private const string Declaration = "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: lb\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n";
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ClusterDefinition Load(string k3d, IReadOnlyDictionary<string, string?>? environment = null)
    {
        dir.Write("k3d.yaml", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 2\nagents: 2\n" + k3d);
        return Declarations.Load(dir.Write("ksail.yaml", Declaration), environment);
    }

    [Fact]
    public void The_API_goes_through_the_load_balancer_to_every_server()
    {
        var cluster = Load(string.Empty);

        var api = cluster.Ports[0];
        Assert.Equal(("k3d-lb-serverlb", 6443), (api.Node, api.ContainerPort));
        Assert.Equal(["k3d-lb-server-0", "k3d-lb-server-1"], api.ProxiedTo);
        Assert.Equal(K3dSimpleConfig.DefaultLoadBalancerImage, cluster.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).Image);
    }

    [Fact]
    public void Without_the_load_balancer_server_0_publishes_the_API_itself()
    {
        var cluster = Load("options:\n  k3d:\n    disableLoadbalancer: true\n");

        Assert.Equal("k3d-lb-server-0", cluster.Ports[0].Node);
        Assert.Empty(cluster.Ports[0].ProxiedTo);
        Assert.DoesNotContain(cluster.Nodes, n => n.Role == NodeRole.LoadBalancer);
    }

    [Theory]
    [InlineData("loadbalancer", "k3d-lb-serverlb", "k3d-lb-server-0,k3d-lb-server-1,k3d-lb-agent-0,k3d-lb-agent-1")]
    [InlineData("", "k3d-lb-serverlb", "k3d-lb-server-0,k3d-lb-server-1,k3d-lb-agent-0,k3d-lb-agent-1")]
    [InlineData("agent:1", "k3d-lb-serverlb", "k3d-lb-agent-1")]
    [InlineData("server:*:proxy", "k3d-lb-serverlb", "k3d-lb-server-0,k3d-lb-server-1")]
    [InlineData("agent:0:direct", "k3d-lb-agent-0", "")]
    public void A_port_is_published_where_k3d_publishes_it(string filter, string node, string proxiedTo)
    {
        var filters = filter.Length == 0 ? string.Empty : $"    nodeFilters:\n      - {filter}\n";

        var cluster = Load($"ports:\n  - port: 127.0.0.1:8080:80/udp\n{filters}");

        var port = Assert.Single(cluster.Ports, p => p.Purpose == "ports");
        Assert.Equal((node, "127.0.0.1", 8080, 80, "UDP"), (port.Node, port.ListenAddress, port.HostPort, port.ContainerPort, port.Protocol));
        Assert.Equal(proxiedTo, string.Join(',', port.ProxiedTo));
    }

    [Fact]
    public void K3D_IMAGE_LOADBALANCER_names_the_load_balancer_image_as_in_k3d()
    {
        var cluster = Load(string.Empty, new Dictionary<string, string?> { ["K3D_IMAGE_LOADBALANCER"] = "local/proxy:1", ["K3D_HELPER_IMAGE_TAG"] = "5.0.0" });

        Assert.Equal("local/proxy:1", cluster.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).Image);
    }

    [Fact]
    public void K3D_HELPER_IMAGE_TAG_sets_the_tag_of_k3d_s_proxy_image()
    {
        var cluster = Load(string.Empty, new Dictionary<string, string?> { ["K3D_HELPER_IMAGE_TAG"] = "5.8.3" });

        Assert.Equal("ghcr.io/k3d-io/k3d-proxy:5.8.3", cluster.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).Image);
    }

    [Fact]
    public void Config_overrides_set_the_proxy_settings_and_anything_else_is_refused_at_its_line()
    {
        Assert.Equal(new K3dLoadBalancerSettings(2048, 900), K3dLoadBalancerSettings.From(["settings.workerConnections=2048", "settings.defaultproxytimeout=900"]));
        dir.Write("k3d.yaml", "apiVersion: k3d.io/v1alpha5\nkind: Simple\noptions:\n  k3d:\n    loadbalancer:\n      configOverrides:\n        - settings.workerConnections=many\n");

        var ex = Declarations.Refuse(dir.Write("ksail.yaml", Declaration));

        var error = Assert.Single(ex.Errors());
        Assert.Equal(7, error.Location.Line);
        Assert.Contains("options.k3d.loadbalancer.configOverrides[0]", error.Message, StringComparison.Ordinal);
    }
}
