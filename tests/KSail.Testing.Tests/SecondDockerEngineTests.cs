using System.Text.RegularExpressions;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>
/// The second Docker engine of the test bed: it runs next to the main engine with its own socket,
/// bridge and data, a restart brings its containers back as their restart policies say (as a host
/// reboot does), and nothing of it is left after it is disposed or after it fails to start.
/// </summary>
[Trait("Requires", "Docker")]
public sealed partial class SecondDockerEngineTests
{
    [Fact]
    public async Task It_runs_beside_the_main_engine_restarts_with_its_containers_and_leaves_nothing_behind()
    {
        SecondDockerEngine.Require();
        var ct = TestContext.Current.CancellationToken;
        var image = await BusyboxImage.BuildAsync(ct);
        var mainBridge = (await ClusterChecks.RunAsync("docker", ct, "network", "inspect", "bridge", "-f", "{{index .Options \"com.docker.network.bridge.name\"}}")).Trim();
        Assert.True(Directory.Exists($"/sys/class/net/{mainBridge}"), $"the main engine's bridge {mainBridge} is missing before the test");
        string root, bridge, rule;
        try
        {
            await using (var engine = await SecondDockerEngine.StartAsync(new SecondDockerEngineOptions { Mtu = 1400 }, ct))
            {
                (root, bridge, rule) = (engine.Root, engine.BridgeName, $"ksail-de-{engine.BridgeName["ksde".Length..]}");
                await engine.LoadImagesAsync([image], ct);
                var network = (await engine.DockerAsync(ct, "network", "create", "restart-check")).Trim();
                var first = (await engine.DockerAsync(ct, "run", "-d", "--name", "first", "--network", "restart-check", "--restart", "unless-stopped", image, "sleep", "3600")).Trim();
                await engine.DockerAsync(ct, "run", "-d", "--name", "second", "--network", "restart-check", "--restart", "unless-stopped", image, "sleep", "3600");

                // Its own engine: the main engine has none of this, and the default bridge carries the MTU.
                Assert.DoesNotContain(first, await ClusterChecks.RunAsync("docker", ct, "ps", "-aq", "--no-trunc"), StringComparison.Ordinal);
                Assert.Equal("1400", (await engine.DockerAsync(ct, "network", "inspect", "bridge", "-f", "{{index .Options \"com.docker.network.driver.mtu\"}}")).Trim());
                Assert.Equal(bridge, (await engine.DockerAsync(ct, "network", "inspect", "bridge", "-f", "{{index .Options \"com.docker.network.bridge.name\"}}")).Trim());

                // Containers of the engine reach each other by name across its network (through the host's FORWARD chain).
                await engine.DockerAsync(ct, "exec", "second", "busybox", "ping", "-c", "1", "-W", "5", "first");

                // When: the daemon stops with its containers and starts again on the same data
                await engine.RestartAsync(ct);

                // The main engine's default bridge is untouched (a restart with address pools would delete docker0).
                Assert.True(Directory.Exists($"/sys/class/net/{mainBridge}"), $"the main engine's bridge {mainBridge} is gone after the second engine restarted");

                // Then: the same container runs again, on the same network
                var state = (await engine.DockerAsync(ct, "inspect", "-f", "{{.State.Running}} {{.Id}}", "first")).Trim();
                Assert.Equal($"true {first}", state);
                Assert.Contains(network, await engine.DockerAsync(ct, "network", "ls", "-q", "--no-trunc"), StringComparison.Ordinal);
            }

            // Disposed: no directory, no bridge, no FORWARD rule, no process.
            Assert.False(Directory.Exists(root));
            Assert.False(Directory.Exists($"/sys/class/net/{bridge}"));
            Assert.DoesNotContain(rule, await IptablesForwardAsync(ct), StringComparison.Ordinal);
            Assert.DoesNotContain(root, await ClusterChecks.RunAsync("ps", ct, "-eo", "args"), StringComparison.Ordinal);
            Assert.True(Directory.Exists($"/sys/class/net/{mainBridge}"));
        }
        finally
        {
            await BusyboxImage.RemoveAsync(image);
        }
    }

    [Fact]
    public async Task A_daemon_that_does_not_start_is_reported_with_its_log_and_leaves_nothing_behind()
    {
        SecondDockerEngine.Require();
        var ct = TestContext.Current.CancellationToken;

        // A remapping user with no subordinate ids: dockerd refuses to start.
        var ex = await Assert.ThrowsAsync<TestBedException>(() => SecondDockerEngine.StartAsync(new SecondDockerEngineOptions { UserNamespaceRemap = "ksail-no-such-user" }, ct));

        var id = EngineId().Match(ex.Message).Groups["id"].Value;
        Assert.NotEmpty(id);
        Assert.Contains("exited with", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ksail-no-such-user", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), $"ksail-de-{id}")));
        Assert.False(Directory.Exists($"/sys/class/net/ksde{id}"));
        Assert.DoesNotContain($"ksail-de-{id}", await IptablesForwardAsync(ct), StringComparison.Ordinal);
    }

    private static async Task<string> IptablesForwardAsync(CancellationToken ct)
    {
        try
        {
            return await ClusterChecks.RunAsync("iptables", ct, "-S", "FORWARD");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return string.Empty; // no iptables: the engine added no rule
        }
    }

    [GeneratedRegex(@"ksail-de-(?<id>[0-9a-f]{6})/")]
    private static partial Regex EngineId();
}
