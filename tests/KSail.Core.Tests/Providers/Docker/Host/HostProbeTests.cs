using Docker.DotNet.Models;
using KSail.Core.Providers.Docker;
using KSail.Core.Providers.Docker.Host;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Providers.Docker.Host;

/// <summary>
/// The probe's reading of <c>GET /info</c> and <c>GET /networks/bridge</c>. The values are the
/// engine's own strings: SecurityOptions as the Engine API documents them (SystemInfo.SecurityOptions:
/// <c>name=apparmor</c>, <c>name=seccomp,profile=default</c>, <c>name=selinux</c>, <c>name=userns</c>,
/// <c>name=rootless</c>; moby's daemon/info.go adds <c>name=cgroupns</c> on cgroup v2), CgroupVersion
/// <c>"1"</c> or <c>"2"</c>, Docker Desktop's OperatingSystem <c>Docker Desktop</c>, and the bridge
/// driver's <c>com.docker.network.driver.mtu</c> option (what <c>docker network inspect bridge</c> shows).
/// </summary>
public sealed class HostProbeTests
{
    private static readonly Uri LocalSocket = new("unix:///var/run/docker.sock");

    // What this machine's Debian 20.10 engine answers (docker info / docker network inspect bridge).
    private static SystemInfoResponse DebianCgroupV1() => new()
    {
        CgroupVersion = "1",
        SecurityOptions = ["name=seccomp,profile=default"],
        Driver = "overlay2",
        OperatingSystem = "Debian GNU/Linux 12 (bookworm)",
        OSType = "linux",
        KernelVersion = "6.1.0-25-amd64",
        HTTPProxy = string.Empty,
        HTTPSProxy = string.Empty,
        NoProxy = string.Empty,
    };

    private static NetworkResponse Bridge(string? mtu)
    {
        var options = new Dictionary<string, string>
        {
            ["com.docker.network.bridge.default_bridge"] = "true",
            ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
            ["com.docker.network.bridge.name"] = "docker0",
        };
        if (mtu is not null)
        {
            options[DockerHostProbe.MtuOption] = mtu;
        }

        return new NetworkResponse { Name = "bridge", Driver = "bridge", Options = options };
    }

    [Fact]
    public void A_rootful_cgroup_v1_engine_on_this_machine()
    {
        var host = DockerHostProbe.Read(DebianCgroupV1(), Bridge("1500"), LocalSocket);

        Assert.Equal(1, host.CgroupVersion);
        Assert.False(host.Rootless);
        Assert.False(host.UserNamespaceRemap);
        Assert.Equal("overlay2", host.StorageDriver);
        Assert.Equal(1500, host.BridgeMtu);
        Assert.Null(host.HttpProxy);
        Assert.Null(host.HttpsProxy);
        Assert.Null(host.NoProxy);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", host.OperatingSystem);
        Assert.Equal("6.1.0-25-amd64", host.KernelVersion);
        Assert.False(host.DockerDesktop);
        Assert.True(host.SharesFileSystem);
    }

    [Fact]
    public void A_rootless_engine_on_cgroup_v2()
    {
        // Rootless Docker 25 on cgroup v2: its socket is under XDG_RUNTIME_DIR, its seccomp profile "builtin".
        var info = DebianCgroupV1();
        info.CgroupVersion = "2";
        info.SecurityOptions = ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"];

        var host = DockerHostProbe.Read(info, Bridge("1500"), new Uri("unix:///run/user/1000/docker.sock"));

        Assert.Equal(2, host.CgroupVersion);
        Assert.True(host.Rootless);
        Assert.False(host.UserNamespaceRemap);
        Assert.True(host.SharesFileSystem);
    }

    [Fact]
    public void An_engine_with_user_namespace_remapping()
    {
        // dockerd --userns-remap=default: AppArmor and seccomp as usual, plus name=userns.
        var info = DebianCgroupV1();
        info.SecurityOptions = ["name=apparmor", "name=seccomp,profile=default", "name=userns"];

        var host = DockerHostProbe.Read(info, Bridge("1500"), LocalSocket);

        Assert.True(host.UserNamespaceRemap);
        Assert.False(host.Rootless);
    }

    [Fact]
    public void Docker_Desktop_runs_in_a_VM_even_on_a_local_socket_and_its_proxies_are_read()
    {
        var info = DebianCgroupV1();
        info.CgroupVersion = "2";
        info.OperatingSystem = "Docker Desktop";
        info.KernelVersion = "6.10.14-linuxkit";
        info.SecurityOptions = ["name=seccomp,profile=unconfined", "name=cgroupns"];
        info.HTTPProxy = "http.docker.internal:3128";
        info.HTTPSProxy = "http.docker.internal:3128";
        info.NoProxy = "hubproxy.docker.internal";

        var host = DockerHostProbe.Read(info, Bridge("65535"), new Uri("unix:///Users/dev/.docker/run/docker.sock"));

        Assert.True(host.DockerDesktop);
        Assert.False(host.SharesFileSystem);
        Assert.Equal(65535, host.BridgeMtu);
        Assert.Equal("http.docker.internal:3128", host.HttpProxy);
        Assert.Equal("http.docker.internal:3128", host.HttpsProxy);
        Assert.Equal("hubproxy.docker.internal", host.NoProxy);
        Assert.Equal("6.10.14-linuxkit", host.KernelVersion);
    }

    [Fact]
    public void A_remote_engine_does_not_share_this_machine_s_file_system()
    {
        var host = DockerHostProbe.Read(DebianCgroupV1(), Bridge("1500"), new Uri("tcp://build-host.example:2376"));

        Assert.False(host.SharesFileSystem);
        Assert.False(host.DockerDesktop);
    }

    [Fact]
    public void What_the_engine_leaves_out_is_unknown_not_an_error()
    {
        // An engine without a cgroup version (before API 1.40) and a bridge without an MTU option.
        var info = new SystemInfoResponse { SecurityOptions = null!, Driver = null!, OperatingSystem = null!, KernelVersion = null!, CgroupVersion = null! };

        var host = DockerHostProbe.Read(info, Bridge(mtu: null), LocalSocket);
        var noBridge = DockerHostProbe.Read(info, bridge: null, LocalSocket);

        Assert.Equal(0, host.CgroupVersion);
        Assert.False(host.Rootless);
        Assert.Equal(string.Empty, host.StorageDriver);
        Assert.Equal(string.Empty, host.OperatingSystem);
        Assert.Null(host.BridgeMtu);
        Assert.Null(noBridge.BridgeMtu);
    }

    [Fact]
    [Trait("Requires", "Docker")]
    public async Task The_provider_reads_its_host_once_and_it_matches_the_engine()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        using var provider = await DockerProvider.ConnectAsync(ct: ct);

        var first = await provider.HostAsync(ct);
        var second = await provider.HostAsync(ct);
        var info = await provider.Engine.Client.System.GetSystemInfoAsync(ct);

        Assert.Same(first, second);
        Assert.Equal(info.OperatingSystem, first.OperatingSystem);
        Assert.Equal(info.Driver, first.StorageDriver);
        Assert.InRange(first.CgroupVersion, 1, 2);
        Assert.Equal((info.SecurityOptions ?? []).Any(o => o.StartsWith("name=rootless", StringComparison.Ordinal)), first.Rootless);
    }
}
