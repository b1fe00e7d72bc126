using System.Text;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// k3d's node fixes at container-spec level, host by host (k3d v5.9 <c>pkg/types/fixes/fixes.go</c>,
/// <c>pkg/client/node.go</c> <c>enableFixes</c>, <c>pkg/runtimes/docker/translate.go:70-76</c>):
/// FIDELITY D4 (cgroup v2), D5 (DNS), D6 (mounts).
/// </summary>
public sealed class K3dFixesTests : IDisposable
{
    private static readonly HostInfo CgroupV1 = new() { CgroupVersion = 1, OperatingSystem = "Debian GNU/Linux 12 (bookworm)" };
    private static readonly HostInfo CgroupV2 = new() { CgroupVersion = 2, OperatingSystem = "Ubuntu 24.04 LTS" };
    private static readonly HostInfo DockerDesktop = new() { CgroupVersion = 2, OperatingSystem = "Docker Desktop", DockerDesktop = true };
    private static readonly Dictionary<string, string?> NoSwitches = [];

    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ClusterDefinition Declare() => Declarations.Load(Declarations.WriteK3s(dir, "f", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\nagents: 1\n"));

    private static ContainerSpec Server(ClusterDefinition cluster, HostInfo host, IReadOnlyDictionary<string, string?> environment) =>
        K3sProvisioner.NodeSpec(cluster, cluster.Nodes[0], "server", ["server"], ["K3S_TOKEN=t"], new CreateOptions(), new K3dNodeHost(K3dFixes.For(host, environment), host.DockerDesktop));

    private static ContainerSpec Agent(ClusterDefinition cluster, HostInfo host, IReadOnlyDictionary<string, string?> environment) =>
        K3sProvisioner.NodeSpec(cluster, cluster.Nodes.First(n => n.Role == NodeRole.Worker), "agent", ["agent"], ["K3S_TOKEN=t"], new CreateOptions(), new K3dNodeHost(K3dFixes.For(host, environment), host.DockerDesktop));

    private static string Script(ContainerSpec spec, string path) => Encoding.UTF8.GetString(spec.Files.Single(f => f.Path == path).Content);

    [Fact]
    public void D4_on_a_cgroup_v2_host_servers_and_agents_start_k3d_entry_point_with_the_cgroup_v2_fix_under_Docker_init()
    {
        var cluster = Declare();

        foreach (var spec in new[] { Server(cluster, CgroupV2, NoSwitches), Agent(cluster, CgroupV2, NoSwitches) })
        {
            Assert.Equal(["/bin/k3d-entrypoint.sh"], spec.Entrypoint);
            Assert.True(spec.Init);
            Assert.Equal(
                ["/bin/k3d-entrypoint.sh", "/bin/k3d-entrypoint-dns.sh", "/bin/k3d-entrypoint-cgroupv2.sh", "/bin/k3d-entrypoint-mounts.sh"],
                spec.Files.Select(f => f.Path));
            Assert.All(spec.Files, f => Assert.Equal(484, f.Mode)); // 0744, as k3d writes them
        }

        // The node's command is k3s's arguments: the entry point passes them on to /bin/k3s.
        Assert.Equal(["server"], Server(cluster, CgroupV2, NoSwitches).Command);
        var cgroup = Script(Server(cluster, CgroupV2, NoSwitches), "/bin/k3d-entrypoint-cgroupv2.sh");
        Assert.Contains("/sys/fs/cgroup/cgroup.controllers", cgroup.Replace("$root", "/sys/fs/cgroup", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("cgroup.subtree_control", cgroup, StringComparison.Ordinal);
        Assert.Contains("/bin/k3s \"$@\"", Script(Server(cluster, CgroupV2, NoSwitches), "/bin/k3d-entrypoint.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void D4_on_a_cgroup_v1_host_the_entry_point_runs_the_DNS_and_mounts_fixes_without_the_cgroup_v2_fix()
    {
        var spec = Server(Declare(), CgroupV1, NoSwitches);

        Assert.Equal(["/bin/k3d-entrypoint.sh"], spec.Entrypoint);
        Assert.Equal(["/bin/k3d-entrypoint.sh", "/bin/k3d-entrypoint-dns.sh", "/bin/k3d-entrypoint-mounts.sh"], spec.Files.Select(f => f.Path));
    }

    [Theory]
    [InlineData("false", 2, false)]
    [InlineData("0", 2, false)]
    [InlineData("nonsense", 2, false)] // Go's ParseBool rejects it: k3d turns the fix off
    [InlineData("", 2, false)]
    [InlineData("true", 1, true)]
    [InlineData("1", 1, true)]
    [InlineData("T", 1, true)]
    public void D4_K3D_FIX_CGROUPV2_from_the_environment_overrides_the_host(string value, int cgroupVersion, bool expected)
    {
        var fixes = K3dFixes.For(new HostInfo { CgroupVersion = cgroupVersion }, new Dictionary<string, string?> { [K3dFixes.CgroupV2Variable] = value });

        Assert.Equal(expected, fixes.CgroupV2);
        Assert.True(fixes.Dns);
        Assert.True(fixes.Mounts);
    }

    [Fact]
    public void D4_with_every_switch_off_nodes_keep_the_image_entry_point_and_get_no_fix_files()
    {
        var off = new Dictionary<string, string?> { [K3dFixes.CgroupV2Variable] = "false", [K3dFixes.DnsVariable] = "false", [K3dFixes.MountsVariable] = "false" };

        var spec = Server(Declare(), CgroupV2, off);

        Assert.Null(spec.Entrypoint);
        Assert.Empty(spec.Files);
        Assert.True(spec.Init);
    }

    [Fact]
    public void D5_D6_each_switch_removes_only_its_own_script()
    {
        var cluster = Declare();

        var noDns = Server(cluster, CgroupV2, new Dictionary<string, string?> { [K3dFixes.DnsVariable] = "false" });
        var noMounts = Server(cluster, CgroupV2, new Dictionary<string, string?> { [K3dFixes.MountsVariable] = "False" });

        Assert.Equal(["/bin/k3d-entrypoint.sh", "/bin/k3d-entrypoint-cgroupv2.sh", "/bin/k3d-entrypoint-mounts.sh"], noDns.Files.Select(f => f.Path));
        Assert.Equal(["/bin/k3d-entrypoint.sh", "/bin/k3d-entrypoint-dns.sh", "/bin/k3d-entrypoint-cgroupv2.sh"], noMounts.Files.Select(f => f.Path));
        Assert.Contains("mount --make-rshared /", Script(noDns, "/bin/k3d-entrypoint-mounts.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void D5_D12_on_Linux_the_DNS_fix_takes_the_network_gateway_and_on_Docker_Desktop_Docker_host_gateway_as_host_k3d_internal()
    {
        var cluster = Declare();

        var linux = Server(cluster, CgroupV2, NoSwitches);
        var desktop = Server(cluster, DockerDesktop, NoSwitches);

        Assert.Contains("gateway_from=route", Script(linux, "/bin/k3d-entrypoint-dns.sh"), StringComparison.Ordinal);
        Assert.Contains("gateway_from=hosts", Script(desktop, "/bin/k3d-entrypoint-dns.sh"), StringComparison.Ordinal);
        Assert.Equal(["host.k3d.internal:host-gateway"], desktop.ExtraHosts);
        Assert.Equal(["host.k3d.internal:host-gateway"], linux.ExtraHosts); // D12: the host, as k3d names it
        Assert.DoesNotContain("@GATEWAY_FROM@", Script(desktop, "/bin/k3d-entrypoint-dns.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void D4_the_load_balancer_gets_no_fix()
    {
        var cluster = Declare();
        var lb = cluster.Nodes.Single(n => n.Role == NodeRole.LoadBalancer);

        var spec = K3sProvisioner.LoadBalancerSpec(cluster, lb, new CreateOptions());

        Assert.Null(spec.Entrypoint);
        Assert.Equal(["/etc/confd/values.yaml"], spec.Files.Select(f => f.Path));
    }

    [Fact]
    public void D5_a_volume_over_resolv_conf_is_refused_unless_K3D_FIX_DNS_is_off()
    {
        var config = Declarations.WriteK3s(dir, "f", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nvolumes:\n  - volume: /tmp/resolv.conf:/etc/resolv.conf\n");

        var error = Assert.Single(Declarations.Refuse(config).Errors());
        Assert.Contains("K3D_FIX_DNS=false", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Location.Line);
        Declarations.Load(config, new Dictionary<string, string?> { [K3dFixes.DnsVariable] = "false" });
    }

    [Fact]
    public async Task D4_D5_D6_every_script_is_valid_sh()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = Declare();
        foreach (var host in new[] { CgroupV2, DockerDesktop })
        {
            foreach (var file in Server(cluster, host, NoSwitches).Files)
            {
                var path = dir.Write(Path.GetFileName(file.Path), Encoding.UTF8.GetString(file.Content));
                Assert.StartsWith("#!/bin/sh\n", Encoding.UTF8.GetString(file.Content), StringComparison.Ordinal);
                await ClusterChecks.RunAsync("sh", ct, "-n", path); // throws with sh's message when the syntax is wrong
            }
        }
    }
}
