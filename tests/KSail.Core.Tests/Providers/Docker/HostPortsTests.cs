using System.Net;
using System.Net.Sockets;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Providers.Docker;

/// <summary>
/// FIDELITY S1, K20: a port published without a host port gets a free one picked at create, as kind
/// (pkg/cluster/internal/providers/common/getport.go PortOrGetFreePort) and k3d
/// (cmd/cluster/clusterCreate.go GetFreePort) pick it, and is published as that fixed number.
/// </summary>
public sealed class HostPortsTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static ContainerSpec Spec(params PortPublication[] ports) => new()
    {
        Name = "node",
        Image = "image",
        Network = "net",
        Labels = new Dictionary<string, string>(),
        Ports = ports,
    };

    [Fact]
    public void A_free_port_is_one_nothing_listens_on_and_can_be_bound_again()
    {
        var port = HostPorts.Free("127.0.0.1");

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public void A_udp_port_is_picked_as_udp_and_an_address_not_of_this_machine_falls_back_to_any_address()
    {
        // 192.0.2.1 (TEST-NET-1) is nobody's address here, as a remote engine's would not be.
        var remote = HostPorts.Free("192.0.2.1");
        var udp = HostPorts.Free("0.0.0.0", "udp");

        Assert.InRange(remote, 1, 65535);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, udp));
    }

    [Fact]
    public void Ports_without_a_host_port_are_picked_and_marked_declared_ones_and_Dockers_own_are_kept()
    {
        var picks = new Queue<int>([40001, 40002]);

        var chosen = HostPorts.Choose(
            Spec(new PortPublication("127.0.0.1", 0, 6443), new PortPublication("0.0.0.0", 8080, 80), new PortPublication("0.0.0.0", -1, 81), new PortPublication("0.0.0.0", 0, 53, "udp")),
            (_, _) => picks.Dequeue());

        Assert.Equal(
            [new PortPublication("127.0.0.1", 40001, 6443) { Chosen = true }, new PortPublication("0.0.0.0", 8080, 80), new PortPublication("0.0.0.0", -1, 81), new PortPublication("0.0.0.0", 40002, 53, "udp") { Chosen = true }],
            chosen.Ports);
    }

    [Fact]
    public void A_pick_that_is_a_declared_port_of_the_same_container_is_skipped()
    {
        var picks = new Queue<int>([8080, 40003]);

        var chosen = HostPorts.Choose(Spec(new PortPublication("0.0.0.0", 8080, 80), new PortPublication("0.0.0.0", 0, 6443)), (_, _) => picks.Dequeue());

        Assert.Equal(40003, chosen.Ports[1].HostPort);
    }

    [Fact]
    public void After_a_clash_the_picked_ports_are_picked_again_and_the_declared_ones_kept()
    {
        var first = HostPorts.Choose(Spec(new PortPublication("0.0.0.0", 0, 6443), new PortPublication("0.0.0.0", 8080, 80)), (_, _) => 40004);

        var again = HostPorts.Choose(first, (_, _) => 40005, again: true);

        Assert.Equal([40005, 8080], again.Ports.Select(p => p.HostPort));
        Assert.Same(first, HostPorts.Choose(first, (_, _) => 40006));
    }

    [Fact]
    public void K3s_picks_the_API_port_before_its_nodes_labels_the_servers_with_it_and_the_saved_spec_hash_is_unchanged()
    {
        var declared = Declare("apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\n");

        var picked = K3sProvisioner.WithApiPortPicked(declared);
        var server = K3sProvisioner.NodeSpec(picked, picked.Nodes[0], "server", [], [], new CreateOptions());
        var loadBalancer = K3sProvisioner.LoadBalancerSpec(picked, picked.Nodes.Single(n => n.Role == NodeRole.LoadBalancer), new CreateOptions());

        Assert.Equal(0, declared.Ports[0].HostPort);
        Assert.True(picked.Ports[0].Chosen);
        Assert.Equal(picked.Ports[0].HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Labels[K3sProvisioner.ApiPortLabel]);
        Assert.Equal(new PortPublication("0.0.0.0", picked.Ports[0].HostPort, 6443) { Chosen = true }, Assert.Single(loadBalancer.Ports));
        Assert.Equal(ClusterStateStore.HashOf(declared), ClusterStateStore.HashOf(picked));
        Assert.Same(declared.Declared, picked.Declared);
    }

    [Fact]
    public void K3s_keeps_a_declared_API_port_and_labels_the_servers_with_it()
    {
        var declared = Declare("apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nkubeAPI:\n  hostPort: \"6550\"\n");

        var picked = K3sProvisioner.WithApiPortPicked(declared);
        var server = K3sProvisioner.NodeSpec(picked, picked.Nodes[0], "server", [], [], new CreateOptions());

        Assert.Same(declared, picked);
        Assert.Equal("6550", server.Labels[K3sProvisioner.ApiPortLabel]);
    }

    [Theory]
    [InlineData("-1", true)]
    [InlineData("-2", false)]
    public void Kinds_minus_one_leaves_the_port_to_Docker_and_below_is_refused(string hostPort, bool accepted)
    {
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  apiServerPort: {hostPort}\nnodes:\n  - role: control-plane\n    extraPortMappings:\n      - containerPort: 80\n        hostPort: {hostPort}\n");
        var ksail = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n");

        if (accepted)
        {
            Assert.All(Declarations.Load(ksail).Ports, p => Assert.Equal(-1, p.HostPort));
        }
        else
        {
            var errors = Declarations.Refuse(ksail).Errors();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Contains("or -1 (Docker picks one at each start)", e.Message, StringComparison.Ordinal));
        }
    }

    private ClusterDefinition Declare(string k3dYaml)
    {
        dir.Write("k3d.yaml", k3dYaml);
        return Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: ports\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n"));
    }
}
