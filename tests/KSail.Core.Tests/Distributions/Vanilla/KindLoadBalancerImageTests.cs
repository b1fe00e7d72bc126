using KSail.Core.Configuration;
using KSail.Core.Distributions.Vanilla;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// kind's external load balancer in the cluster definition: there only with several control planes,
/// publishing the API, with kind's image or the one KSAIL_KIND_LOADBALANCER_IMAGE names.
/// </summary>
public sealed class KindLoadBalancerImageTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ClusterDefinition Load(int controlPlanes, IReadOnlyDictionary<string, string?>? environment = null) =>
        KindDeclarations.Load(dir, "ha", "nodes:\n" + string.Concat(Enumerable.Repeat("  - role: control-plane\n", controlPlanes)) + "  - role: worker\n", environment);

    [Fact]
    public void Several_control_planes_get_kinds_load_balancer_with_kinds_image_publishing_the_API()
    {
        var cluster = Load(controlPlanes: 2);

        var lb = Assert.Single(cluster.Nodes, n => n.Role == NodeRole.LoadBalancer);
        Assert.Equal(("ha-external-load-balancer", "docker.io/envoyproxy/envoy:v1.36.2"), (lb.Name, lb.Image));
        Assert.Equal(lb.Name, cluster.Ports[0].Node);
    }

    [Fact]
    public void One_control_plane_gets_none()
    {
        var cluster = Load(controlPlanes: 1);

        Assert.DoesNotContain(cluster.Nodes, n => n.Role == NodeRole.LoadBalancer);
        Assert.Equal("ha-control-plane", cluster.Ports[0].Node);
    }

    [Fact]
    public void KSAIL_KIND_LOADBALANCER_IMAGE_names_another_image_and_is_no_ksail_yaml_override()
    {
        var cluster = Load(controlPlanes: 3, new Dictionary<string, string?> { [KindCluster.LoadBalancerImageVariable] = "mirror.example/envoy:1" });

        Assert.Equal("mirror.example/envoy:1", cluster.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).Image);
        Assert.Empty(cluster.Warnings);
    }
}
