using k8s;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Providers.Docker.Host;

/// <summary>
/// The product on a second Docker engine started with the daemon settings users have, all three
/// at once (each shows in its own place, so one cluster checks them all): <c>dockerd --init</c>
/// (daemon.json <c>"init": true</c>), <c>--mtu 1400</c> (a VPN or cloud VM) and
/// <c>--userns-remap default</c>. The product connects to the engine's own socket, as DOCKER_HOST
/// makes it. This kernel runs user-namespace remapping (checked below with a plain container);
/// its capability bounding set lacks CAP_SYS_RESOURCE, so nodes run with explicit privileges here,
/// which on a remapping engine also needs the host's user namespace.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class UsersDaemonSettingsTests(UsersDaemonEngine fixture) : IClassFixture<UsersDaemonEngine>, IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"ud-{Guid.NewGuid().ToString("N")[..6]}";
    private DockerProvider? docker;

    private SecondDockerEngine Engine => fixture.Engine;

    private DockerProvider Docker => docker!;

    public async ValueTask InitializeAsync()
    {
        // The explicit-privileges finding is remembered in a file of the test's, not the user's ~/.ksail.
        var ct = TestContext.Current.CancellationToken;
        docker = new DockerProvider(await DockerEngine.ConnectAsync(Engine.Endpoint, ct), progress: null, time: null, privilegeMemoryPath: Path.Combine(dir.Path, "privileges"));
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            await new VanillaProvisioner(docker).DeleteAsync(name, CancellationToken.None);
            await new K3sProvisioner(docker).DeleteAsync(name, CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    [Fact]
    public async Task The_engine_has_the_users_settings_and_the_probe_reads_them()
    {
        var ct = TestContext.Current.CancellationToken;

        var host = await Docker.HostAsync(ct);

        // Without the product's explicit flags, the daemon's defaults apply: tini as PID 1 and remapped root.
        var plain = await Engine.DockerAsync(ct, "run", "--rm", "--entrypoint", "/bin/sh", fixture.NodeImage, "-c", "tr '\\0' ' ' </proc/1/cmdline; echo; cat /proc/self/uid_map");
        Assert.True(host.UserNamespaceRemap);
        Assert.Equal(1400, host.BridgeMtu);
        Assert.StartsWith("/sbin/docker-init", plain, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*0\s+0\s+4294967295\s*$", plain);
    }

    [Fact]
    public async Task A_Vanilla_node_runs_without_tini_in_the_host_user_namespace_on_a_network_of_the_bridge_MTU_and_becomes_Ready()
    {
        var ct = TestContext.Current.CancellationToken;
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {fixture.NodeImage}\n");
        var declared = Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n"));
        var node = $"{name}-control-plane";

        // When
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // FIDELITY K11: Init false was sent, so the daemon's "init": true did not put tini before the node's init.
        var inspected = await Docker.Engine.Client.Containers.InspectContainerAsync(node, ct);
        var pid1 = await Docker.ExecAsync(node, ["/bin/sh", "-c", "tr '\\0' ' ' </proc/1/cmdline"], ct: ct);
        Assert.False(inspected.HostConfig?.Init ?? true);
        Assert.DoesNotContain("docker-init", pid1.Output, StringComparison.Ordinal);

        // FIDELITY S2: the node runs in the host's user namespace on the remapping engine.
        var uidMap = await Docker.ExecAsync(node, ["cat", "/proc/self/uid_map"], ct: ct);
        Assert.Equal("host", inspected.HostConfig?.UsernsMode);
        Assert.Matches(@"^\s*0\s+0\s+4294967295\s*$", uidMap.Output);

        // FIDELITY K3: the kind network took the default bridge's MTU, and so did the node's interface.
        var network = await Docker.Engine.Client.Networks.InspectNetworkAsync(VanillaProvisioner.Network, ct);
        var mtu = await Docker.ExecAsync(node, ["cat", "/sys/class/net/eth0/mtu"], ct: ct);
        Assert.Equal("1400", network.Options is { } options && options.TryGetValue("com.docker.network.driver.mtu", out var value) ? value : null);
        Assert.Equal("1400", mtu.Output.Trim());

        // The node becomes Ready, watched through the exported kubeconfig.
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));
        await ClusterChecks.WaitForNodesReadyAsync(client, [node], TimeSpan.FromMinutes(3), ct);
    }

    [Fact]
    public async Task A_K3s_cluster_running_through_an_engine_restart_is_reached_again_with_the_kubeconfig_written_at_create()
    {
        // Given a K3s server (k3d's unless-stopped nodes come back when the engine starts again) whose
        // API port no config names, so KSail.NET picked it at create (FIDELITY S1, K20)
        var ct = TestContext.Current.CancellationToken;
        var declared = Declarations.Load(Declarations.WriteK3s(dir, name, $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {fixture.K3sImage}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n"));
        var server = $"k3d-{name}-server-0";
        var created = await new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        var port = await Docker.HostPortAsync(server, 6443, ct: ct);

        // When the engine restarts with the cluster running (Docker Desktop restarted, the host rebooted)
        await Engine.RestartAsync(ct);

        // Then the server is published on the same port and the kubeconfig written at create reaches the API
        using var restarted = new DockerProvider(await DockerEngine.ConnectAsync(Engine.Endpoint, ct), progress: null, time: null, privilegeMemoryPath: Path.Combine(dir.Path, "privileges"));
        Assert.Equal(port, await restarted.HostPortAsync(server, 6443, ct: ct));
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await WaitForApiAsync(client, ct);
        await ClusterChecks.WaitForNodesReadyAsync(client, [server], TimeSpan.FromMinutes(3), ct);
    }

    [Fact]
    public async Task A_Vanilla_cluster_running_through_an_engine_restart_comes_back_on_its_port_and_is_reached_with_the_kubeconfig_written_at_create()
    {
        // Given a Vanilla node, run as kind runs it: --restart=on-failure:1 (kind's
        // pkg/cluster/internal/providers/docker/provision.go), whose API port no config names, so
        // KSail.NET picked it at create (FIDELITY S1, K20)
        var ct = TestContext.Current.CancellationToken;
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {fixture.NodeImage}\n");
        var declared = Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n"));
        var node = $"{name}-control-plane";
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        var port = await Docker.HostPortAsync(node, 6443, ct: ct);

        // When the engine restarts with the cluster running. The node stops with a non-zero code, as
        // kindest/node's systemd does (kind#3428), and the daemon did not see it stopped by hand, so
        // on-failure:1 starts it again.
        await Engine.RestartAsync(ct);

        // Then the node runs again, on the same port, and the kubeconfig written at create sees it Ready
        using var restarted = new DockerProvider(await DockerEngine.ConnectAsync(Engine.Endpoint, ct), progress: null, time: null, privilegeMemoryPath: Path.Combine(dir.Path, "privileges"));
        Assert.Equal(port, await restarted.HostPortAsync(node, 6443, ct: ct));
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await WaitForApiAsync(client, ct);
        await ClusterChecks.WaitForNodesReadyAsync(client, [node], TimeSpan.FromMinutes(3), ct);
    }

    /// <summary>
    /// Waits until the API behind a restarted node answers: the published port answers once the
    /// container runs, the API server a little later.
    /// </summary>
    private static async Task WaitForApiAsync(Kubernetes client, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        while (true)
        {
            try
            {
                await client.CoreV1.ListNodeAsync(cancellationToken: limit.Token);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException && !limit.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), limit.Token);
            }
        }
    }
}
