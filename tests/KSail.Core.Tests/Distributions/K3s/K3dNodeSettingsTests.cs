using System.Text;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// k3d.yaml's per-node settings in the node containers, as k3d v5.9 applies them
/// (<c>pkg/config/transform.go</c>, <c>pkg/client/node.go</c>, <c>pkg/client/cluster.go</c>), and the
/// warnings for what KSail.NET does not apply (FIDELITY D1, D10, D13-D17).
/// </summary>
public sealed class K3dNodeSettingsTests : IDisposable
{
    private const string Head = "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nagents: 2\n";
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ClusterDefinition Declare(string k3d) => Declarations.Load(Declarations.WriteK3s(dir, "s", Head + k3d));

    private ConfigurationException Refuse(string k3d) => Declarations.Refuse(Declarations.WriteK3s(dir, "s", Head + k3d));

    private static ContainerSpec Spec(ClusterDefinition cluster, string node)
    {
        var definition = cluster.Nodes.Single(n => n.Name == node);
        return definition.Role switch
        {
            NodeRole.LoadBalancer => K3sProvisioner.LoadBalancerSpec(cluster, definition, new CreateOptions()),
            NodeRole.ControlPlane => K3sProvisioner.NodeSpec(cluster, definition, "server", ["server"], [], new CreateOptions()),
            _ => K3sProvisioner.NodeSpec(cluster, definition, "agent", ["agent"], [], new CreateOptions()),
        };
    }

    [Fact]
    public void D16_nodeLabels_become_node_label_arguments_of_the_nodes_their_filters_select()
    {
        var cluster = Declare("options:\n  k3s:\n    nodeLabels:\n      - label: pool=blue\n        nodeFilters:\n          - agent:1\n      - label: tier=web\n        nodeFilters:\n          - server:*\n          - agent:1\n");

        Assert.Equal(["server", "--node-label", "tier=web"], Spec(cluster, "k3d-s-server-0").Command);
        Assert.Equal(["agent"], Spec(cluster, "k3d-s-agent-0").Command);
        Assert.Equal(["agent", "--node-label", "pool=blue", "--node-label", "tier=web"], Spec(cluster, "k3d-s-agent-1").Command);
        Assert.Null(Spec(cluster, "k3d-s-serverlb").Command);
    }

    [Fact]
    public void D16_D17_a_label_without_node_filters_on_a_cluster_of_several_nodes_is_refused_as_k3d_refuses_it()
    {
        var errors = Refuse("options:\n  k3s:\n    nodeLabels:\n      - label: pool=blue\n  runtime:\n    labels:\n      - label: team=a\n").Errors();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.StartsWith("options.k3s.nodeLabels[0] ('pool=blue') has no nodeFilters", StringComparison.Ordinal) && e.Location.Line == 8);
        Assert.Contains(errors, e => e.Message.StartsWith("options.runtime.labels[0] ('team=a') has no nodeFilters", StringComparison.Ordinal) && e.Location.Line == 11);
    }

    [Fact]
    public void D15_files_are_written_before_start_from_the_block_or_from_a_file_beside_k3d_yaml_into_the_nodes_selected()
    {
        dir.Write("extra.yaml", "kind: ConfigMap\n");
        var cluster = Declare(
            "files:\n  - source: |\n      a: 1\n    destination: k3s-manifests-custom/a.yaml\n    nodeFilters:\n      - server:0\n"
            + "  - source: extra.yaml\n    destination: /etc/extra/extra.yaml\n");

        var server = Spec(cluster, "k3d-s-server-0").Files.Where(f => !f.Path.StartsWith("/bin/k3d-", StringComparison.Ordinal)).ToList();
        var agent = Spec(cluster, "k3d-s-agent-0").Files.Where(f => !f.Path.StartsWith("/bin/k3d-", StringComparison.Ordinal)).ToList();

        Assert.Equal(["/var/lib/rancher/k3s/server/manifests/custom/a.yaml", "/etc/extra/extra.yaml"], server.Select(f => f.Path));
        Assert.Equal("a: 1\n", Encoding.UTF8.GetString(server[0].Content));
        Assert.Equal("kind: ConfigMap\n", Encoding.UTF8.GetString(server[1].Content));
        Assert.All(server, f => Assert.Equal(420, f.Mode)); // 0644, as k3d writes them
        Assert.Equal(["/etc/extra/extra.yaml"], agent.Select(f => f.Path));
    }

    [Fact]
    public void D15_a_missing_source_file_or_a_relative_destination_is_refused_where_it_is_written()
    {
        var errors = Refuse("files:\n  - source: missing.yaml\n    destination: manifests/a.yaml\n").Errors();

        Assert.Contains(errors, e => e.Message.Contains("missing.yaml, which does not exist", StringComparison.Ordinal) && e.Location.Line == 6);
        Assert.Contains(errors, e => e.Message.StartsWith("files[0].destination is 'manifests/a.yaml'", StringComparison.Ordinal) && e.Location.Line == 7);
    }

    [Fact]
    public void D13_hostAliases_go_to_the_etc_hosts_of_servers_and_agents_with_a_warning_about_CoreDNS()
    {
        var cluster = Declare("hostAliases:\n  - ip: 192.0.2.10\n    hostnames:\n      - registry.test\n      - mirror.test\n");

        Assert.Equal(["registry.test:192.0.2.10", "mirror.test:192.0.2.10", "host.k3d.internal:host-gateway"], Spec(cluster, "k3d-s-server-0").ExtraHosts);
        Assert.Equal(["registry.test:192.0.2.10", "mirror.test:192.0.2.10", "host.k3d.internal:host-gateway"], Spec(cluster, "k3d-s-agent-1").ExtraHosts);
        Assert.Empty(Spec(cluster, "k3d-s-serverlb").ExtraHosts);
        var warning = Assert.Single(cluster.Warnings);
        Assert.Contains("CoreDNS", warning.Message, StringComparison.Ordinal);
        Assert.Equal(5, warning.Location.Line);
    }

    [Fact]
    public void D13_D17_bad_host_aliases_reserved_runtime_labels_and_unknown_ulimits_are_refused_as_k3d_refuses_them()
    {
        var errors = Refuse(
            "hostAliases:\n  - ip: 10.0.0.300\n    hostnames:\n      - bad_name!\n"
            + "options:\n  runtime:\n    labels:\n      - label: k3d.role=x\n        nodeFilters:\n          - all\n      - label: io.ksail.cluster=y\n        nodeFilters:\n          - all\n    ulimits:\n      - name: files\n").Errors();

        Assert.Equal(
            [("hostAliases[0].ip", 6), ("hostAliases[0].hostnames[0]", 8), ("options.runtime.labels[0]:", 12), ("options.runtime.labels[1]:", 15), ("options.runtime.ulimits[0].name", 19)],
            errors.Select(e => (e.Message[..e.Message.IndexOf(' ', StringComparison.Ordinal)], e.Location.Line)).OrderBy(e => e.Line));
    }

    [Fact]
    public void D17_runtime_labels_ulimits_and_hostPidMode_reach_the_containers()
    {
        var cluster = Declare(
            "options:\n  runtime:\n    hostPidMode: true\n    labels:\n      - label: team=a\n        nodeFilters:\n          - agent:0\n"
            + "    ulimits:\n      - name: nofile\n        soft: 1024\n        hard: 2048\n");

        var agent = Spec(cluster, "k3d-s-agent-0");
        Assert.Equal("a", agent.Labels["team"]);
        Assert.DoesNotContain("team", Spec(cluster, "k3d-s-server-0").Labels.Keys);
        Assert.Equal([("nofile", 1024L, 2048L)], agent.Ulimits);
        Assert.True(agent.HostPid);
        Assert.True(Spec(cluster, "k3d-s-server-0").HostPid);
        Assert.False(Spec(cluster, "k3d-s-serverlb").HostPid);
        Assert.Empty(cluster.Warnings);
    }

    [Fact]
    public void D1_D11_D17_fields_KSail_does_not_apply_each_warn_where_they_are_set_and_D14_registries_do_not()
    {
        var cluster = Declare(
            "subnet: 172.28.0.0/16\nregistries:\n  create:\n    name: reg\n  use:\n    - k3d-other:5000\n  config: |\n    mirrors: {}\n"
            + "options:\n  runtime:\n    gpuRequest: all\n    serversMemory: 1g\n    agentsMemory: 512m\n  k3d:\n    disableImageVolume: false\n");

        Assert.Equal(
            [("subnet", 5), ("options.runtime.gpuRequest", 15), ("options.runtime.serversMemory", 16), ("options.runtime.agentsMemory", 17), ("options.k3d.disableImageVolume", 19)],
            cluster.Warnings.Select(w => (w.Message[..w.Message.IndexOf(' ', StringComparison.Ordinal)], w.Location.Line)));
        Assert.All(cluster.Warnings, w => Assert.Contains("has no effect in KSail.NET", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void D10_servers_carry_k3d_version_and_the_declared_API_port_but_never_the_token()
    {
        var cluster = Declare("token: s3cret\nkubeAPI:\n  hostPort: \"6550\"\n");

        var server = Spec(cluster, "k3d-s-server-0").Labels;
        var agent = Spec(cluster, "k3d-s-agent-0").Labels;

        Assert.Equal(("6550", "v5.9.0"), (server["k3d.server.api.port"], server["k3d.version"]));
        Assert.Equal("v5.9.0", agent["k3d.version"]);
        Assert.DoesNotContain("k3d.server.api.port", agent.Keys);
        Assert.DoesNotContain(server.Values.Concat(agent.Values), v => v.Contains("s3cret", StringComparison.Ordinal));
        Assert.DoesNotContain("k3d.cluster.token", server.Keys);
    }
}
