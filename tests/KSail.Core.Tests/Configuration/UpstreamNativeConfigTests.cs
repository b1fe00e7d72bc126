using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

/// <summary>kind's and k3d's own example configs (read from the shared upstream data) load unchanged.</summary>
public sealed class UpstreamNativeConfigTests
{
    private const string VanillaDeclaration = "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n";
    private const string K3sDeclaration = "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n";

    private static ClusterDefinition LoadKind(ScratchDirectory dir, string upstream)
    {
        dir.CopyUpstream($"kind/{upstream}", "kind.yaml");
        return Declarations.Load(dir.Write("ksail.yaml", VanillaDeclaration));
    }

    private const string K3dFilesSource = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baz\n";

    private static ClusterDefinition LoadK3d(ScratchDirectory dir, string upstream)
    {
        dir.CopyUpstream($"k3d/{upstream}", "k3d.yaml");
        dir.Write("ns-baz.yaml", K3dFilesSource); // the file k3d's examples copy into nodes, beside them in k3d's repository
        return Declarations.Load(dir.Write("ksail.yaml", K3sDeclaration));
    }

    [Fact]
    public void Kind_HA_config_gets_three_control_planes_three_workers_and_the_external_load_balancer()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadKind(dir, "multi-node-ha.yaml");

        Assert.Equal(
            ["kind-external-load-balancer", "kind-control-plane", "kind-control-plane2", "kind-control-plane3", "kind-worker", "kind-worker2", "kind-worker3"],
            cluster.Nodes.Select(n => n.Name));
        Assert.Equal([NodeRole.LoadBalancer, NodeRole.ControlPlane, NodeRole.ControlPlane, NodeRole.ControlPlane, NodeRole.Worker, NodeRole.Worker, NodeRole.Worker], cluster.Nodes.Select(n => n.Role));
        var api = Assert.Single(cluster.Ports);
        Assert.Equal(("kind-external-load-balancer", "127.0.0.1", 0, 6443), (api.Node, api.ListenAddress, api.HostPort, api.ContainerPort));
        Assert.Equal("kind-kind", cluster.ContextName);
        Assert.Equal("kind", cluster.Network);
    }

    [Fact]
    public void Kind_port_mapping_is_published_from_its_node()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadKind(dir, "extra-port-mappings.yaml");

        var port = cluster.Ports.Single(p => p.Purpose == "extraPortMappings");
        Assert.Equal(("kind-control-plane", "127.0.0.1", 80, 80, "TCP"), (port.Node, port.ListenAddress, port.HostPort, port.ContainerPort, port.Protocol));
        Assert.Equal(new SourceLocation(Path.Combine(dir.Path, "kind.yaml"), 8, 15), port.DeclaredAt);
    }

    [Fact]
    public void Kind_mounts_are_read_with_every_option()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadKind(dir, "extra-mounts.yaml");

        var mounts = cluster.Native<KindCluster>().Nodes![0].ExtraMounts!;
        Assert.Equal(2, mounts.Count);
        Assert.Equal(("/path/to/my/other-files/", "/other-files", true, false, "None"), (mounts[1].HostPath, mounts[1].ContainerPath, mounts[1].ReadOnly, mounts[1].SelinuxRelabel, mounts[1].Propagation));
    }

    [Fact]
    public void Kind_kubeadm_and_containerd_patches_are_kept_verbatim()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadKind(dir, "containerd-config-patches.yaml");

        var kind = cluster.Native<KindCluster>();
        Assert.StartsWith("apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\n", kind.KubeadmConfigPatches![0], StringComparison.Ordinal);
        var json6902 = Assert.Single(kind.KubeadmConfigPatchesJson6902!);
        Assert.Equal(("kubeadm.k8s.io", "v1beta2", "ClusterConfiguration"), (json6902.Group, json6902.Version, json6902.Kind));
        Assert.Contains("path: /apiServer/certSANs/-", json6902.Patch, StringComparison.Ordinal);
        Assert.Equal("[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"registry:5000\"]", Assert.Single(kind.ContainerdConfigPatches!));
        Assert.Equal(4, cluster.Nodes.Count);
    }

    [Fact]
    public void Kind_example_config_with_kubelet_patch_loads()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadKind(dir, "kubeadm-config-patches.yaml");

        Assert.Contains("KubeletConfiguration", cluster.Native<KindCluster>().KubeadmConfigPatches![0], StringComparison.Ordinal);
        Assert.Equal(["kind-control-plane", "kind-worker", "kind-worker2", "kind-worker3"], cluster.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Kind_pod_subnet_is_read()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadKind(dir, "networking-pod-subnet.yaml");

        Assert.Equal("10.244.0.0/16", cluster.Native<KindCluster>().Networking!.PodSubnet);
        Assert.Equal(["kind-control-plane"], cluster.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Kind_config_without_its_default_CNI_and_no_CNI_chosen_is_a_cluster_whose_user_brings_their_own()
    {
        using var dir = new ScratchDirectory();
        dir.CopyUpstream("kind/networking-disable-default-cni.yaml", "kind.yaml");

        var cluster = Declarations.Load(dir.Write("ksail.yaml", VanillaDeclaration));

        Assert.Equal("networking.disableDefaultCNI: true", cluster.CniDisabledBy);
        Assert.Equal("no CNI: bring your own", cluster.Components.Single(c => c.Component == "CNI").Outcome);
    }

    [Fact]
    public void K3d_full_featured_example_loads_every_option()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadK3d(dir, "full-featured.yaml");

        Assert.Equal("mycluster", cluster.Name);
        Assert.Equal(["k3d-mycluster-server-0", "k3d-mycluster-agent-0", "k3d-mycluster-agent-1", "k3d-mycluster-serverlb"], cluster.Nodes.Select(n => n.Name));
        Assert.All(cluster.Nodes.Where(n => n.Role != NodeRole.LoadBalancer), n => Assert.Equal("rancher/k3s:v1.35.2-k3s1", n.Image));
        Assert.Equal("my-custom-net", cluster.Network);
        Assert.Equal(("k3d-mycluster-serverlb", "127.0.0.1", 6445), (cluster.Ports[0].Node, cluster.Ports[0].ListenAddress, cluster.Ports[0].HostPort));
        var http = cluster.Ports.Single(p => p.Purpose == "ports");
        Assert.Equal(("k3d-mycluster-serverlb", 8080, 80), (http.Node, http.HostPort, http.ContainerPort));

        var k3d = cluster.Native<K3dSimpleConfig>();
        Assert.Equal("superSecretToken", k3d.Token);
        Assert.Equal("172.28.0.0/16", k3d.Subnet);
        Assert.Equal("registry.localhost", k3d.Registries!.Create!.Name);
        Assert.Equal("https://registry-1.docker.io", k3d.Registries.Create.Proxy!.RemoteUrl);
        Assert.Equal(["k3d-myotherregistry:5000"], k3d.Registries.Use!);
        Assert.Equal(2, k3d.HostAliases!.Count);
        Assert.Equal("--tls-san=my.host.domain", k3d.Options!.K3s!.ExtraArgs![0].Arg);
        Assert.Equal(["server:*"], k3d.Options.K3s.ExtraArgs[0].NodeFilters!);
        Assert.Equal("60s", k3d.Options.K3d!.Timeout);
        Assert.Equal(["settings.workerConnections=2048"], k3d.Options.K3d.Loadbalancer!.ConfigOverrides!);
        Assert.Equal(26677, k3d.Options.Runtime!.Ulimits![0].Hard);
        Assert.Equal("all", k3d.Options.Runtime.GpuRequest);
        Assert.Equal(2, k3d.Files!.Count);
    }

    [Fact]
    public void K3d_multi_server_example_gets_three_servers_and_two_agents()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadK3d(dir, "multi-server.yaml");

        Assert.Equal(3, cluster.Nodes.Count(n => n.Role == NodeRole.ControlPlane));
        Assert.Equal(2, cluster.Nodes.Count(n => n.Role == NodeRole.Worker));
        Assert.Equal("k3d-test-serverlb", cluster.Nodes[^1].Name);
        Assert.Equal("360s", cluster.Native<K3dSimpleConfig>().Options!.K3d!.Timeout);
    }

    [Fact]
    public void K3d_ports_and_ulimits_example_publishes_the_API_and_two_ports_on_the_load_balancer()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadK3d(dir, "simple-files-ports-ulimits.yaml");

        Assert.Equal([(6443, 6443), (80, 80), (443, 443)], cluster.Ports.Select(p => (p.HostPort, p.ContainerPort)));
        Assert.All(cluster.Ports, p => Assert.Equal("k3d-test-serverlb", p.Node));
        Assert.Equal("rancher/k3s:latest", cluster.Nodes[0].Image);
        Assert.Equal(4, cluster.Native<K3dSimpleConfig>().Files!.Count);
    }

    [Fact]
    public void K3d_registry_example_loads()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadK3d(dir, "registries-create.yaml");

        Assert.Equal("5001", cluster.Native<K3dSimpleConfig>().Registries!.Create!.HostPort);
        Assert.Equal(["k3d-test-server-0", "k3d-test-agent-0", "k3d-test-serverlb"], cluster.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void K3d_minimal_example_loads_with_k3d_defaults()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadK3d(dir, "minimal.yaml");

        Assert.Equal("k3s-default", cluster.Name);
        Assert.Equal(("0.0.0.0", 0), (cluster.Ports[0].ListenAddress, cluster.Ports[0].HostPort));
    }
}
