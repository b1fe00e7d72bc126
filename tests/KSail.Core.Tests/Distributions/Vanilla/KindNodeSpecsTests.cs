using KSail.Core.Configuration;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// What kind passes to each container it runs (its provision.go commonArgs and runArgsForNode): the
/// client's proxy settings with kind's NO_PROXY (FIDELITY K15), KIND_DNS_SEARCH (K18), the SELinux
/// relabel of extraMounts (K21); and the log line kind waits for before its first docker exec (K22).
/// </summary>
public sealed class KindNodeSpecsTests : IDisposable
{
    private static readonly string[] Subnets = ["172.18.0.0/16", "fc00:f853:ccd:e793::/64"];
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ClusterDefinition Load(string kindYaml, Dictionary<string, string?>? environment = null) => KindDeclarations.Load(dir, "px", kindYaml, environment);

    private static List<string> Environment(ClusterDefinition cluster) =>
        KindNodeSpecs.CommonEnvironment(cluster, Subnets, "10.96.0.0/16", "10.244.0.0/16");

    [Fact]
    public void The_clients_proxies_reach_every_container_in_both_cases_with_kinds_NO_PROXY()
    {
        var cluster = Load(
            "nodes:\n- role: control-plane\n- role: worker\n- role: control-plane\n",
            new() { ["HTTP_PROXY"] = "http://proxy.corp:3128", ["https_proxy"] = "http://user:secret@proxy.corp:3129", ["NO_PROXY"] = "corp.example" });

        var environment = Environment(cluster);

        // kind's order: network subnets, the client's NO_PROXY, Service and Pod subnets, the nodes as declared, the load balancer, the DNS suffixes.
        const string noProxy = "172.18.0.0/16,fc00:f853:ccd:e793::/64,corp.example,10.96.0.0/16,10.244.0.0/16,px-control-plane,px-worker,px-control-plane2,px-external-load-balancer,.svc,.svc.cluster,.svc.cluster.local";
        Assert.Equal(
            [
                "HTTP_PROXY=http://proxy.corp:3128", "http_proxy=http://proxy.corp:3128",
                "HTTPS_PROXY=http://user:secret@proxy.corp:3129", "https_proxy=http://user:secret@proxy.corp:3129",
                $"NO_PROXY={noProxy}", $"no_proxy={noProxy}",
            ],
            environment);
        var lb = cluster.Nodes.Single(n => n.Role == NodeRole.LoadBalancer);
        var worker = cluster.Nodes.Single(n => n.Role == NodeRole.Worker);
        var controlPlane = cluster.Nodes.First(n => n.Role == NodeRole.ControlPlane);
        Assert.Equal(environment, KindNodeSpecs.LoadBalancerSpec(cluster, lb, new CreateOptions(), environment).Environment);
        Assert.Equal(environment, KindNodeSpecs.NodeSpec(cluster, worker, true, new CreateOptions(), new HostInfo(), environment).Environment);
        Assert.Equal([.. environment, "KUBECONFIG=/etc/kubernetes/admin.conf"], KindNodeSpecs.NodeSpec(cluster, controlPlane, true, new CreateOptions(), new HostInfo(), environment).Environment);
    }

    [Fact]
    public void Without_a_client_NO_PROXY_kinds_list_starts_with_the_subnets_and_the_defaulted_nodes_are_named()
    {
        var cluster = Load(string.Empty, new() { ["http_proxy"] = "http://proxy.corp:3128" });

        Assert.Contains("NO_PROXY=172.18.0.0/16,fc00:f853:ccd:e793::/64,10.96.0.0/16,10.244.0.0/16,px-control-plane,.svc,.svc.cluster,.svc.cluster.local", Environment(cluster));
        Assert.DoesNotContain(Environment(cluster), e => e.StartsWith("HTTPS_PROXY=", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_proxies_in_the_environment_the_nodes_get_none()
    {
        var cluster = Load(string.Empty, new() { ["HTTP_PROXY"] = string.Empty, ["PATH"] = "/usr/bin" });

        Assert.Empty(Environment(cluster));
        Assert.False(cluster.Proxy.IsSet);
    }

    [Fact]
    public void The_proxy_settings_never_show_their_values()
    {
        var cluster = Load(string.Empty, new() { ["HTTPS_PROXY"] = "http://user:secret@proxy.corp:3129" });

        Assert.Equal("HTTPS_PROXY", cluster.Proxy.ToString());
        Assert.DoesNotContain("secret", cluster.Proxy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("networking:\n  dnsSearch: [corp.example, example.org]\n", "KIND_DNS_SEARCH=corp.example example.org")]
    [InlineData("networking:\n  dnsSearch: []\n", "KIND_DNS_SEARCH=")]
    public void DnsSearch_becomes_KIND_DNS_SEARCH_on_every_container_and_an_empty_list_removes_the_search(string kindYaml, string expected)
    {
        var environment = Environment(Load(kindYaml));

        Assert.Equal([expected], environment);
    }

    [Fact]
    public void Without_dnsSearch_there_is_no_KIND_DNS_SEARCH_and_the_node_keeps_Dockers_search()
    {
        Assert.Empty(Environment(Load("networking:\n  podSubnet: 10.240.0.0/16\n")));
    }

    [Fact]
    public void An_extraMount_with_selinuxRelabel_is_relabelled_and_the_others_are_not()
    {
        var cluster = Load("nodes:\n- role: control-plane\n  extraMounts:\n  - hostPath: /srv/a\n    containerPath: /a\n    selinuxRelabel: true\n    readOnly: true\n  - hostPath: /srv/b\n    containerPath: /b\n");

        var mounts = KindNodeSpecs.NodeSpec(cluster, cluster.Nodes[0], false, new CreateOptions(), new HostInfo(), []).Mounts;

        Assert.Equal(new ContainerMount(MountKind.Bind, "/srv/a", "/a", ReadOnly: true, SelinuxRelabel: true), mounts.Single(m => m.Target == "/a"));
        Assert.Equal(new ContainerMount(MountKind.Bind, "/srv/b", "/b"), mounts.Single(m => m.Target == "/b"));
    }

    [Theory]
    [InlineData("[  OK  ] Reached target multi-user.target - Multi-User System.", true)]
    [InlineData("[  OK  ] Reached target Multi-User System.", true)]
    [InlineData("INFO: detected cgroup v1", true)]
    [InlineData("entrypoint [+0.01s]: INFO: detected cgroup v1", true)]
    [InlineData("INFO: detected cgroupns", false)]
    [InlineData("[  OK  ] Reached target basic.target - Basic System.", false)]
    public void A_node_has_booted_when_systemd_reached_multi_user_or_the_entrypoint_found_cgroup_v1(string line, bool booted)
    {
        Assert.Equal(booted, KindNodeSpecs.Booted().IsMatch(line));
        Assert.Equal(TimeSpan.FromSeconds(30), KindNodeSpecs.BootTimeout);
    }
}
