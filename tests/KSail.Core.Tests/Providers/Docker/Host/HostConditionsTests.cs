using System.Text.Json;
using Docker.DotNet.Models;
using ContainerSpec = KSail.Core.Providers.Docker.ContainerSpec;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Core.Providers.Docker.Host;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Providers.Docker.Host;

/// <summary>
/// What the engine is asked for on the hosts users have, one host condition at a time: the
/// containers of both distributions, built by their real spec builders from kind.yaml and
/// k3d.yaml, adjusted for the host as <see cref="DockerProvider.RunAsync"/> adjusts them
/// (<see cref="ProbedQuirks"/>, then <see cref="ExplicitPrivileges"/> where it applies) and
/// translated into the create parameters the provider sends; the host comes from the probe's
/// reading of <c>GET /info</c> samples of each kind of engine.
/// </summary>
public sealed class HostConditionsTests : IDisposable
{
    private static readonly Uri LocalSocket = new("unix:///var/run/docker.sock");
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // GET /info of a rootful Docker 27 on a cgroup v2 Linux host (Fedora, btrfs root), as the engine writes it.
    private const string FedoraBtrfsInfo = """
        {
          "Driver": "overlay2",
          "DriverStatus": [["Backing Filesystem", "btrfs"], ["Supports d_type", "true"], ["Using metacopy", "false"], ["Native Overlay Diff", "true"], ["userxattr", "false"]],
          "MemoryLimit": true, "SwapLimit": true, "CpuCfsPeriod": true, "CpuCfsQuota": true, "CPUShares": true, "CPUSet": true, "PidsLimit": true,
          "CgroupDriver": "systemd", "CgroupVersion": "2",
          "KernelVersion": "6.11.4-301.fc41.x86_64", "OperatingSystem": "Fedora Linux 41 (Workstation Edition)", "OSType": "linux",
          "SecurityOptions": ["name=seccomp,profile=builtin", "name=selinux", "name=cgroupns"],
          "HttpProxy": "", "HttpsProxy": "", "NoProxy": ""
        }
        """;

    private static HostInfo Host(string infoJson, Action<SystemInfoResponse>? change = null, string? bridgeMtu = null)
    {
        var info = JsonSerializer.Deserialize<SystemInfoResponse>(infoJson)!;
        change?.Invoke(info);
        var bridge = new NetworkResponse { Name = "bridge", Driver = "bridge", Options = bridgeMtu is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [DockerHostProbe.MtuOption] = bridgeMtu } };
        return DockerHostProbe.Read(info, bridge, LocalSocket);
    }

    // A rootful cgroup v2 engine on ext4 (Ubuntu): none of the probed quirks.
    private static HostInfo Plain() => Host(FedoraBtrfsInfo, i =>
    {
        i.DriverStatus = [["Backing Filesystem", "extfs"], ["Supports d_type", "true"]];
        i.OperatingSystem = "Ubuntu 24.04.1 LTS";
    });

    // The containers of a kind cluster with two control planes (so kind's load balancer runs) and of a k3d cluster with two servers.
    private List<ContainerSpec> KindContainers(HostInfo host, string extraNode = "")
    {
        dir.Write("kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n  - role: control-plane\n  - role: worker\n" + extraNode);
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: hc\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n"));
        var options = new CreateOptions();
        return cluster.Nodes
            .Select(n => n.Role == NodeRole.LoadBalancer ? KindNodeSpecs.LoadBalancerSpec(cluster, n, options, []) : KindNodeSpecs.NodeSpec(cluster, n, behindLoadBalancer: true, options, host, []))
            .ToList();
    }

    private List<ContainerSpec> K3dContainers(string k3dExtra = "")
    {
        dir.Write("k3d.yaml", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 2\nagents: 1\n" + k3dExtra);
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: hc\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n"));
        var options = new CreateOptions();
        return cluster.Nodes
            .Select(n => n.Role == NodeRole.LoadBalancer
                ? K3sProvisioner.LoadBalancerSpec(cluster, n, options)
                : K3sProvisioner.NodeSpec(cluster, n, n.Role == NodeRole.ControlPlane ? "server" : "agent", ["server"], [], options))
            .ToList();
    }

    // As RunAsync adjusts a spec on this host, then what it sends for it.
    private static HostConfig Sent(ContainerSpec spec, HostInfo host, bool explicitPrivileges = false)
    {
        var adjusted = ProbedQuirks.Adjust(spec, host);
        if (explicitPrivileges)
        {
            using var quirk = new ExplicitPrivileges("test", memoryPath: Path.Combine(Path.GetTempPath(), $"ksail-unused-{Guid.NewGuid():N}"));
            adjusted = quirk.Adjust(adjusted);
        }

        return DockerProvider.CreateParameters(adjusted).HostConfig ?? throw new Xunit.Sdk.XunitException($"{spec.Name}: no host config");
    }

    private static IEnumerable<Mount> Mounts(HostConfig sent) => sent.Mounts ?? [];

    private static IEnumerable<string> Devices(HostConfig sent) => (sent.Devices ?? []).Select(d => d.PathOnHost);

    [Fact]
    public void FIDELITY_K11_kind_containers_run_with_init_false_and_k3d_containers_with_init_true_never_the_daemon_default()
    {
        // A daemon with "init": true (dockerd --init) applies its default only where the request leaves Init out.
        var host = Plain();

        var kind = KindContainers(host);
        var k3d = K3dContainers();

        Assert.Contains(kind, s => s.Name == "hc-external-load-balancer");
        Assert.All(kind, s => Assert.False(Sent(s, host).Init ?? throw new Xunit.Sdk.XunitException($"{s.Name}: Init left to the daemon")));
        Assert.Contains(k3d, s => s.Name == "k3d-hc-serverlb");
        Assert.All(k3d, s => Assert.True(Sent(s, host).Init ?? throw new Xunit.Sdk.XunitException($"{s.Name}: Init left to the daemon")));
    }

    [Fact]
    public void FIDELITY_S2_on_a_userns_remap_engine_every_container_runs_in_the_host_user_namespace()
    {
        var remapped = Host(FedoraBtrfsInfo, i => i.SecurityOptions = ["name=seccomp,profile=builtin", "name=userns", "name=cgroupns"]);
        var plain = Plain();

        Assert.True(remapped.UserNamespaceRemap);
        var every = KindContainers(remapped).Concat(K3dContainers()).ToList();
        Assert.All(every, s => Assert.Equal("host", Sent(s, remapped).UsernsMode));
        Assert.All(every, s => Assert.Equal("host", Sent(s, remapped, explicitPrivileges: true).UsernsMode));
        Assert.All(every, s => Assert.Null(Sent(s, plain).UsernsMode));
    }

    [Theory]
    [InlineData("overlay2", "btrfs", false, true)] // Fedora's default: btrfs under overlay2
    [InlineData("overlay2", "xfs", false, true)] // RHEL's default
    [InlineData("btrfs", "", false, true)]
    [InlineData("zfs", "", false, true)]
    [InlineData("devicemapper", "extfs", false, true)]
    [InlineData("overlay2", "extfs", false, false)] // Debian/Ubuntu on ext4
    [InlineData("overlay2", "btrfs", true, false)] // rootless: cannot create device nodes
    public void FIDELITY_K16_nodes_get_dev_mapper_on_device_mapper_storage(string driver, string backing, bool rootless, bool mounted)
    {
        var host = Host(FedoraBtrfsInfo, i =>
        {
            i.Driver = driver;
            i.DriverStatus = backing.Length == 0 ? [] : [["Backing Filesystem", backing]];
            i.SecurityOptions = rootless ? ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"] : ["name=seccomp,profile=builtin"];
        });

        var kind = KindContainers(host);
        var k3d = K3dContainers();

        Assert.Equal(backing, host.BackingFilesystem);
        foreach (var node in kind.Concat(k3d).Where(s => s.Privileged))
        {
            var mounts = Mounts(Sent(node, host)).Where(m => m.Target == "/dev/mapper").ToList();
            Assert.Equal(mounted ? 1 : 0, mounts.Count);
            Assert.All(mounts, m => Assert.Equal(("bind", "/dev/mapper", false), (m.Type, m.Source, m.ReadOnly)));
        }

        // The load balancers run no kubelet.
        Assert.All(kind.Concat(k3d).Where(s => !s.Privileged), s => Assert.DoesNotContain(Mounts(Sent(s, host)), m => m.Target == "/dev/mapper"));
    }

    [Fact]
    public void FIDELITY_K16_a_node_that_declares_dev_mapper_itself_keeps_one_mount()
    {
        var host = Host(FedoraBtrfsInfo);

        var nodes = K3dContainers($"volumes:\n  - volume: /dev/mapper:/dev/mapper\n    nodeFilters: [all]\n").Where(s => s.Privileged).ToList();

        Assert.NotEmpty(nodes);
        Assert.All(nodes, s => Assert.Single(Mounts(Sent(s, host)), m => m.Target == "/dev/mapper"));
    }

    [Fact]
    public void FIDELITY_K17_on_a_rootless_cgroup_v2_engine_nodes_get_dev_fuse_and_keep_it_with_explicit_privileges()
    {
        var host = Host(FedoraBtrfsInfo, i => i.SecurityOptions = ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"]);

        Assert.True(host.Rootless);
        Assert.True(host.CgroupLimitsDelegated);
        Assert.Null(HostRequirements.Refusal(host));
        foreach (var node in KindContainers(host).Concat(K3dContainers()).Where(s => s.Privileged))
        {
            Assert.Equal(["/dev/fuse"], Devices(Sent(node, host)));
            Assert.Equal(["/dev/fuse", "/dev/kmsg"], Devices(Sent(node, host, explicitPrivileges: true)));
        }

        Assert.All(KindContainers(host).Where(s => !s.Privileged), s => Assert.Empty(Devices(Sent(s, host))));
        Assert.All(KindContainers(Plain()).Where(s => s.Privileged), s => Assert.Empty(Devices(Sent(s, Plain()))));
    }

    [Fact]
    public void FIDELITY_K17_a_rootless_engine_on_cgroup_v1_is_refused_naming_the_condition_and_what_to_do()
    {
        // Rootless Docker 20.10 on a cgroup v1 host: no cgroup driver, no limits.
        var host = Host(FedoraBtrfsInfo, i =>
        {
            i.CgroupVersion = "1";
            i.CgroupDriver = "none";
            i.SecurityOptions = ["name=seccomp,profile=default", "name=rootless"];
        });

        var ex = Assert.Throws<ProviderUnavailableException>(() => HostRequirements.Require(host));

        Assert.Equal(ExitCodes.ProviderUnavailable, ex.ExitCode);
        Assert.Contains("runs rootless on a host with cgroup v1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("need cgroup v2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("systemd.unified_cgroup_hierarchy=1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rootful Docker engine", ex.Message, StringComparison.Ordinal);
        Assert.Contains(HostRequirements.RootlessGuide, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FIDELITY_K17_a_rootless_engine_without_delegated_controllers_is_refused_with_Delegate_yes()
    {
        // cgroup v2 without systemd's Delegate=yes: the engine reports no pids or cpu shares limits.
        var host = Host(FedoraBtrfsInfo, i =>
        {
            i.PidsLimit = false;
            i.CPUShares = false;
            i.SecurityOptions = ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"];
        });

        var refusal = HostRequirements.Refusal(host);

        Assert.NotNull(refusal);
        Assert.Contains("cgroup controllers delegated", refusal, StringComparison.Ordinal);
        Assert.Contains("\"Delegate=yes\"", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void FIDELITY_K17_rootful_engines_are_never_refused_whatever_their_cgroups()
    {
        var cgroupV1 = Host(FedoraBtrfsInfo, i => (i.CgroupVersion, i.CgroupDriver) = ("1", "cgroupfs"));
        var noLimits = Host(FedoraBtrfsInfo, i => i.CgroupDriver = "none");

        Assert.Null(HostRequirements.Refusal(cgroupV1));
        Assert.Null(HostRequirements.Refusal(noLimits));
        Assert.False(noLimits.CgroupLimitsDelegated);
    }

    [Theory]
    [InlineData("1400", "1400")] // a VPN or cloud VM: dockerd --mtu 1400
    [InlineData("1500", "1500")] // kind copies any MTU the bridge has
    [InlineData(null, null)] // no MTU option: the engine's default
    public void FIDELITY_K3_a_created_network_gets_the_default_bridge_s_MTU(string? bridgeMtu, string? networkMtu)
    {
        var host = Host(FedoraBtrfsInfo, bridgeMtu: bridgeMtu);

        var sent = DockerProvider.NetworkParameters("kind", new Dictionary<string, string> { ["io.ksail.cluster"] = "hc" }, host);

        Assert.Equal(("kind", "bridge"), (sent.Name, sent.Driver));
        var options = sent.Options ?? new Dictionary<string, string>();
        Assert.Equal("true", options["com.docker.network.bridge.enable_ip_masquerade"]);
        Assert.Equal(networkMtu, options.TryGetValue(DockerHostProbe.MtuOption, out var mtu) ? mtu : null);
        Assert.Equal("hc", (sent.Labels ?? new Dictionary<string, string>())["io.ksail.cluster"]);
    }

    [Theory]
    [InlineData("kindest/node:v1.36.1@sha256:3489aa5ff4e3d3d1fd5c3c8a05e3b5e4b7b8d6bf9e9d8f7a6b5c4d3e2f1a0b9c8", "kindest/node", "sha256:3489aa5ff4e3d3d1fd5c3c8a05e3b5e4b7b8d6bf9e9d8f7a6b5c4d3e2f1a0b9c8")]
    [InlineData("rancher/k3s:v1.35.5-k3s1", "rancher/k3s", "v1.35.5-k3s1")]
    [InlineData("envoyproxy/envoy", "envoyproxy/envoy", "latest")]
    [InlineData("registry.local:5000/team/node:1.2", "registry.local:5000/team/node", "1.2")]
    [InlineData("registry.local:5000/team/node", "registry.local:5000/team/node", "latest")]
    [InlineData("registry.local:5000/node@sha256:0123", "registry.local:5000/node", "sha256:0123")]
    public void FIDELITY_S3_a_pull_is_split_into_repository_and_tag_or_digest_as_the_docker_CLI_splits_it(string image, string fromImage, string tag)
    {
        var sent = DockerProvider.PullParameters(image);

        Assert.Equal((fromImage, tag), (sent.FromImage, sent.Tag));
    }

    [Fact]
    public void The_probe_reads_the_backing_file_system_and_the_cgroup_limits_from_docker_info()
    {
        var host = Host(FedoraBtrfsInfo);

        Assert.Equal(("overlay2", "btrfs"), (host.StorageDriver, host.BackingFilesystem));
        Assert.True(host.CgroupLimitsDelegated);
        Assert.Equal(2, host.CgroupVersion);
        Assert.False(host.Rootless);
    }
}
