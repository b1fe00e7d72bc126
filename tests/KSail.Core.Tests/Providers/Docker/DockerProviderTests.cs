using System.Text;
using Docker.DotNet;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Testing.TestBed;
using KSail.Core.Labels;

namespace KSail.Core.Tests.Providers.Docker;

[Trait("Requires", "Docker")]
public sealed class DockerProviderTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly string cluster = $"dp-{Guid.NewGuid().ToString("N")[..8]}";
    private DockerProvider? provider;

    private DockerProvider Provider => provider!;

    private Dictionary<string, string> Labels(string role) => ResourceLabels.For(cluster, role, TestLabel);

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        provider = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.RemoveAsync(ResourceLabels.For(cluster, "any").Where(kv => kv.Key == ResourceLabels.Cluster).ToDictionary(), CancellationToken.None);
            provider.Dispose();
        }
    }

    private async Task<string> RunShellAsync(string name, string script, bool privileged = false, IReadOnlyList<PortPublication>? ports = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);
        return await Provider.RunAsync(
            new ContainerSpec
            {
                Name = $"{cluster}-{name}",
                Image = await TestImages.ShellAsync(ct),
                Network = cluster,
                Labels = Labels(name),
                Entrypoint = ["/bin/sh", "-c", script],
                Ports = ports ?? [],
                Privileged = privileged,
            },
            ct);
    }

    [Fact]
    public void The_API_version_is_negotiated_with_the_engine()
    {
        var engine = Provider.Engine;

        Assert.True(engine.ApiVersion <= DockerEngine.NewestApiVersion);
        Assert.True(engine.ApiVersion >= new Version(1, 41));
        Assert.False(string.IsNullOrEmpty(engine.ServerVersion));
    }

    [Fact]
    public async Task An_unreachable_engine_says_how_to_start_Docker_with_exit_code_4()
    {
        var ex = await Assert.ThrowsAsync<ProviderUnavailableException>(
            () => DockerEngine.ConnectAsync(new Uri("unix:///tmp/ksail-no-docker-here.sock"), TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.ProviderUnavailable, ex.ExitCode);
        Assert.Contains("unix:///tmp/ksail-no-docker-here.sock", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Start Docker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_runs_labelled_with_a_published_port_and_is_found_by_its_labels()
    {
        var ct = TestContext.Current.CancellationToken;

        await RunShellAsync("web", "echo started; exec sleep 300", ports: [new PortPublication("127.0.0.1", 0, 8080)]);

        var hostPort = await Provider.HostPortAsync($"{cluster}-web", 8080, ct: ct);
        Assert.InRange(hostPort!.Value, 1, 65535);
        var found = Assert.Single(await Provider.ListAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster, [ResourceLabels.Role] = "web" }, ct));
        Assert.Equal($"{cluster}-web", found.Name);
        Assert.Equal("running", found.State);
        Assert.Equal(ResourceLabels.Tool, found.Labels[ResourceLabels.ManagedBy]);
        await Provider.WaitForLogAsync(found.Name, "started", TimeSpan.FromSeconds(30), ct);
        Assert.Contains("started", await Provider.LogsAsync(found.Name, ct: ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_log_line_by_pattern_matches_whole_lines_as_kinds_node_boot_wait_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"{cluster}-boot";

        // systemd's line on cgroup v2 (FIDELITY K22), printed after other lines and in two writes.
        await RunShellAsync("boot", "echo 'INFO: detected cgroupns'; printf '[  OK  ] Reached target multi-user.target'; sleep 1; echo ' - Multi-User System.'; exec sleep 300");

        await Provider.WaitForLogAsync(name, new System.Text.RegularExpressions.Regex("Reached target .*Multi-User System.*|detected cgroup v1"), TimeSpan.FromSeconds(30), ct);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => Provider.WaitForLogAsync(name, new System.Text.RegularExpressions.Regex("detected cgroup v1"), TimeSpan.FromSeconds(2), ct));
        Assert.Contains($"container {name} did not log a line matching 'detected cgroup v1'", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_networks_subnets_are_those_of_its_IPAM_config_and_hold_its_containers()
    {
        var ct = TestContext.Current.CancellationToken;
        await RunShellAsync("net", "exec sleep 300");

        var subnets = await Provider.NetworkSubnetsAsync(cluster, ct);
        var address = await Provider.AddressAsync($"{cluster}-net", cluster, ct);

        Assert.NotEmpty(subnets);
        Assert.Contains(subnets, s => System.Net.IPNetwork.Parse(s).Contains(System.Net.IPAddress.Parse(address!)));
        var inspected = await ClusterChecks.RunAsync("docker", ct, "network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{end}}", cluster);
        Assert.Equal(inspected.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0), subnets);
    }

    [Fact]
    public async Task A_bind_with_an_SELinux_relabel_is_passed_as_kind_passes_it_with_Z()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = Path.Combine(Path.GetTempPath(), $"ksail-{cluster}-relabel");
        Directory.CreateDirectory(source);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(source, "f"), "mounted", ct);
            await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);
            await Provider.RunAsync(
                new ContainerSpec
                {
                    Name = $"{cluster}-relabel",
                    Image = await TestImages.ShellAsync(ct),
                    Network = cluster,
                    Labels = Labels("relabel"),
                    Entrypoint = ["/bin/sh", "-c", "exec sleep 300"],
                    Mounts = [new ContainerMount(MountKind.Bind, source, "/data", ReadOnly: true, SelinuxRelabel: true)],
                },
                ct);

            var binds = await ClusterChecks.RunAsync("docker", ct, "inspect", "-f", "{{json .HostConfig.Binds}}", $"{cluster}-relabel");
            var read = await Provider.ExecAsync($"{cluster}-relabel", ["cat", "/data/f"], ct: ct);

            Assert.Equal($"[\"{source}:/data:ro,Z\"]", binds.Trim());
            Assert.Equal("mounted", read.Output);
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    [Fact]
    public async Task A_port_without_a_host_port_is_published_on_a_port_picked_at_run_and_kept_across_stop_and_start()
    {
        // FIDELITY S1, K20: kind and k3d publish a fixed free port; Docker's own pick would change at each start.
        var ct = TestContext.Current.CancellationToken;
        var name = $"{cluster}-kept";
        await RunShellAsync("kept", "exec sleep 300", ports: [new PortPublication("127.0.0.1", 0, 8080)]);
        var before = await Provider.HostPortAsync(name, 8080, ct: ct);
        var declared = await ClusterChecks.RunAsync("docker", ct, "inspect", "--format", "{{(index (index .HostConfig.PortBindings \"8080/tcp\") 0).HostPort}}", name);

        await Provider.StopAsync(name, TimeSpan.FromSeconds(1), ct);
        await Provider.StartAsync(name, ct);

        Assert.Equal(before!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), declared.Trim());
        Assert.Equal(before, await Provider.HostPortAsync(name, 8080, ct: ct));
    }

    [Fact]
    public async Task A_picked_port_taken_before_the_start_is_picked_again()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = Listening(out var busy);
        var free = HostPorts.Free("127.0.0.1");
        var picks = new Queue<int>([busy, free]);
        Provider.PickHostPort = (_, _) => picks.Dequeue();

        await RunShellAsync("again", "exec sleep 300", ports: [new PortPublication("127.0.0.1", 0, 8080)]);

        Assert.Empty(picks);
        Assert.Equal(free, await Provider.HostPortAsync($"{cluster}-again", 8080, ct: ct));
    }

    [Fact]
    public async Task A_declared_port_in_use_is_not_picked_again_and_fails_naming_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = Listening(out var busy);
        var picks = 0;
        Provider.PickHostPort = (address, protocol) => { picks++; return HostPorts.Free(address, protocol); };

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => RunShellAsync("declared", "exec sleep 300", ports: [new PortPublication("127.0.0.1", busy, 8080), new PortPublication("127.0.0.1", 0, 8081)]));

        Assert.Equal(1, picks);
        Assert.Contains($"127.0.0.1:{busy}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(picked as free)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Provider.ListAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster, [ResourceLabels.Role] = "declared" }, ct));
    }

    // Something of the host's listening on a loopback port, as another program would.
    private static System.Net.Sockets.Socket Listening(out int port)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        socket.Listen();
        port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    [Fact]
    public async Task Exec_returns_output_error_and_exit_code_and_takes_standard_input()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"{cluster}-exec";
        await RunShellAsync("exec", "exec sleep 300");

        var result = await Provider.ExecAsync(name, ["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], ct: ct);
        var copy = await Provider.ExecAsync(name, ["/bin/sh", "-c", "cat > /tmp/in.txt"], Encoding.UTF8.GetBytes("from stdin\n"), ct);
        var read = await Provider.ExecAsync(name, ["cat", "/tmp/in.txt"], ct: ct);

        Assert.Equal(new ExecResult(3, "out\n", "err\n"), result);
        Assert.Equal(0, copy.ExitCode);
        Assert.Equal("from stdin\n", read.Output);
    }

    [Fact]
    public async Task Files_are_copied_in_and_out()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"{cluster}-files";
        await RunShellAsync("files", "exec sleep 300");

        await Provider.ExecAsync(name, ["mkdir", "-p", "/etc/demo"], ct: ct);
        await Provider.WriteFileAsync(name, "/etc/demo/config.yaml", Encoding.UTF8.GetBytes("key: value\n"), ct: ct);
        var back = await Provider.ReadFileAsync(name, "/etc/demo/config.yaml", ct);
        var listed = await Provider.ExecAsync(name, ["cat", "/etc/demo/config.yaml"], ct: ct);

        Assert.Equal("key: value\n", Encoding.UTF8.GetString(back));
        Assert.Equal("key: value\n", listed.Output);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Provider.ReadFileAsync(name, "/etc/demo/missing", ct));
    }

    [Fact]
    public async Task A_bind_the_engine_creates_when_missing_is_mounted_read_only_and_a_plain_bind_of_a_missing_path_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var missing = Path.Combine(Path.GetTempPath(), $"ksail-{cluster}-modules");
        await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);
        var image = await TestImages.ShellAsync(ct);
        ContainerSpec Spec(string name, bool create) => new()
        {
            Name = $"{cluster}-{name}",
            Image = image,
            Network = cluster,
            Labels = Labels(name),
            Entrypoint = ["/bin/sh", "-c", "exec sleep 300"],
            Mounts = [new ContainerMount(MountKind.Bind, missing, "/lib/modules", ReadOnly: true, CreateMissingSource: create)],
        };

        try
        {
            // A plain bind (the API's mounts) refuses a missing source, as it did before the -v form was added.
            var refused = await Assert.ThrowsAnyAsync<DockerApiException>(() => Provider.RunAsync(Spec("plain", create: false), ct));
            Assert.Contains("does not exist", refused.ResponseBody, StringComparison.Ordinal);
            Assert.False(Directory.Exists(missing));

            await Provider.RunAsync(Spec("created", create: true), ct);
            var write = await Provider.ExecAsync($"{cluster}-created", ["/bin/sh", "-c", "touch /lib/modules/x"], ct: ct);

            Assert.True(Directory.Exists(missing)); // the engine shares this machine's file system here
            Assert.NotEqual(0, write.ExitCode);
            Assert.Contains("Read-only", write.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (Directory.Exists(missing))
            {
                Directory.Delete(missing);
            }
        }
    }

    [Fact]
    public async Task Explicit_capabilities_devices_and_unmasked_system_paths_reach_the_container()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"{cluster}-explicit";
        await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);

        await Provider.RunAsync(
            new ContainerSpec
            {
                Name = name,
                Image = await TestImages.ShellAsync(ct),
                Network = cluster,
                Labels = Labels("explicit"),
                Entrypoint = ["/bin/sh", "-c", "exec sleep 300"],
                CapabilitiesToAdd = ["NET_ADMIN"],
                CapabilitiesToDrop = ["CHOWN"],
                Devices = ["/dev/kmsg"],
                UnconfinedSystemPaths = true,
            },
            ct);
        var caps = await Provider.ExecAsync(name, ["/bin/sh", "-c", "grep CapEff /proc/self/status"], ct: ct);
        var effective = Convert.ToUInt64(caps.Output.Split(':')[1].Trim(), 16);
        var device = await Provider.ExecAsync(name, ["/bin/sh", "-c", "test -c /dev/kmsg"], ct: ct);
        var mounts = await Provider.ExecAsync(name, ["cat", "/proc/mounts"], ct: ct);

        Assert.NotEqual(0UL, effective & (1UL << 12)); // NET_ADMIN added
        Assert.Equal(0UL, effective & (1UL << 0)); // CHOWN dropped
        Assert.Equal(0, device.ExitCode);
        Assert.DoesNotContain(" /proc/sys ", mounts.Output, StringComparison.Ordinal); // read-only by default, not with system paths unconfined
        Assert.DoesNotContain(" /proc/timer_list ", mounts.Output, StringComparison.Ordinal); // masked by default
    }

    [Fact]
    public async Task Files_of_the_spec_are_there_before_the_container_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"{cluster}-prestart";
        await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);

        // The entry point reads the file at once: it must be in place before the start.
        await Provider.RunAsync(
            new ContainerSpec
            {
                Name = name,
                Image = await TestImages.ShellAsync(ct),
                Network = cluster,
                Labels = Labels("prestart"),
                Entrypoint = ["/bin/sh", "-c", "cat /etc/values.yaml; stat -c 'mode %a' /etc/values.yaml; exec sleep 300"],
                Files = [new ContainerFile("/etc/values.yaml", Encoding.UTF8.GetBytes("ports: {}\n"), Mode: 484)],
            },
            ct);

        await Provider.WaitForLogAsync(name, "mode 744", TimeSpan.FromSeconds(30), ct);
        Assert.StartsWith("ports: {}\n", await Provider.LogsAsync(name, ct: ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_container_gets_full_privileges_even_where_the_host_cannot_grant_privileged()
    {
        var ct = TestContext.Current.CancellationToken;

        await RunShellAsync("node", "exec sleep 300", privileged: true);

        // Runs, with CAP_SYS_ADMIN (bit 21) and a writable cgroup tree, as a node needs.
        var caps = await Provider.ExecAsync($"{cluster}-node", ["/bin/sh", "-c", "grep CapEff /proc/self/status"], ct: ct);
        var effective = Convert.ToUInt64(caps.Output.Split(':')[1].Trim(), 16);
        Assert.NotEqual(0UL, effective & (1UL << 21));
        var probe = $"ksail-probe-{cluster}";
        var cgroup = await Provider.ExecAsync($"{cluster}-node", ["/bin/sh", "-c", $"mkdir /sys/fs/cgroup/memory/{probe} && rmdir /sys/fs/cgroup/memory/{probe}"], ct: ct);
        Assert.True(cgroup.ExitCode == 0, cgroup.Error);
        Assert.NotNull(Provider.UsesExplicitPrivileges);
    }

    [Fact]
    public async Task A_missing_image_that_cannot_be_pulled_is_a_clear_error_naming_it()
    {
        var ct = TestContext.Current.CancellationToken;
        const string image = "127.0.0.1:1/ksail-test/no-such-image:1"; // a registry on loopback that refuses: no traffic leaves the machine

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => Provider.EnsureImageAsync(image, ct));

        Assert.Contains(image, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ProvisioningFailed, ex.ExitCode);
        Assert.False(await Provider.ImageExistsAsync(image, ct));
    }

    [Fact]
    public async Task Removal_by_labels_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await RunShellAsync("a", "exec sleep 300");
        await RunShellAsync("b", "exec sleep 300");
        var clusterLabel = new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster };

        var removed = await Provider.RemoveAsync(clusterLabel, ct);

        Assert.Equal([$"{cluster}-a", $"{cluster}-b"], removed.Containers);
        Assert.Equal([cluster], removed.Networks);
        Assert.Empty(await Provider.ListAsync(clusterLabel, ct));
    }

    [Fact]
    public async Task Removal_by_any_of_several_labels_takes_whatever_carries_one_and_spares_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        await RunShellAsync("a", "exec sleep 300");
        var kindLabelled = new Dictionary<string, string>(TestLabel) { ["io.x-k8s.kind.cluster"] = cluster };
        await Provider.RunAsync(new ContainerSpec { Name = $"{cluster}-b", Image = await TestImages.ShellAsync(ct), Network = cluster, Labels = kindLabelled, Entrypoint = ["/bin/sh", "-c", "exec sleep 300"] }, ct);
        await Provider.Engine.Client.Volumes.CreateAsync(
            new global::Docker.DotNet.Models.VolumesCreateParameters { Name = $"{cluster}-data", Labels = new Dictionary<string, string>(TestLabel) { ["k3d.cluster"] = cluster } },
            ct);
        var bystanderLabels = new Dictionary<string, string>(TestLabel) { ["io.x-k8s.kind.cluster"] = $"{cluster}-other" };
        var bystander = await Provider.RunAsync(new ContainerSpec { Name = $"{cluster}-other", Image = await TestImages.ShellAsync(ct), Network = "bridge", Labels = bystanderLabels, Entrypoint = ["/bin/sh", "-c", "exec sleep 300"] }, ct);
        KeyValuePair<string, string>[] anyOf = [new(ResourceLabels.Cluster, cluster), new("io.x-k8s.kind.cluster", cluster), new("k3d.cluster", cluster)];
        try
        {
            var removed = await Provider.RemoveAnyAsync(anyOf, ct);

            Assert.Equal([$"{cluster}-a", $"{cluster}-b"], removed.Containers);
            Assert.Equal([cluster], removed.Networks);
            Assert.Equal([$"{cluster}-data"], removed.Volumes);
            Assert.Empty(await Provider.ListAnyAsync(anyOf, ct));
            Assert.Equal([$"{cluster}-other"], (await Provider.ListAsync(bystanderLabels, ct)).Select(c => c.Name));
        }
        finally
        {
            await Provider.RemoveContainerAsync(bystander, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Ensuring_a_network_twice_gives_the_same_network()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);
        var second = await Provider.EnsureNetworkAsync(cluster, Labels("network"), ct);

        Assert.Equal(first, second);
    }
}
