using System.Text;
using KSail.Core.Distributions.K3s;
using KSail.Core.Providers;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// k3d's fix scripts as KSail.NET writes them, run in throw-away containers of the test bed's K3s
/// stand-in image (busybox, iptables, as rancher/k3s has them): the cgroup v2 fix on a real cgroup2
/// mount (FIDELITY D4; this host's unified hierarchy has no controllers, so what is shown is the
/// evacuation) and the DNS fix on a Docker network (D5).
/// </summary>
[Trait("Requires", "Docker")]
public sealed class K3dFixScriptTests : IDisposable
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"fix-{Guid.NewGuid().ToString("N")[..6]}";

    public K3dFixScriptTests() => DockerAvailability.Require();

    public void Dispose() => dir.Dispose();

    // The script KSail.NET writes at path for a node on a cgroup v2 Linux host with no switch set.
    private string Script(string path)
    {
        var file = K3dEntrypoint.Files(K3dFixes.For(new HostInfo { CgroupVersion = 2 }, new Dictionary<string, string?>()), gatewayFromHosts: false).Single(f => f.Path == path);
        return dir.Write(Path.GetFileName(path), Encoding.UTF8.GetString(file.Content));
    }

    // The security options the test bed's nodes run with where --privileged is refused (TESTING.md).
    private static readonly string[] NodePrivileges =
        ["--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE", "--security-opt", "apparmor=unconfined", "--security-opt", "seccomp=unconfined", "--security-opt", "systempaths=unconfined"];

    [Fact]
    public async Task D4_the_cgroup_v2_fix_moves_every_process_out_of_the_root_cgroup()
    {
        var ct = TestContext.Current.CancellationToken;
        var image = (await TestImages.GetAsync(ct))["k3s-node"];

        // A private cgroup namespace with cgroup2 mounted where k3s looks; the fix runs beside a
        // background process. Cleaning up is best effort: the engine removes the container's cgroup
        // with what is below it (on a cgroup v2 host, processes cannot go back to a root whose
        // controllers the fix enabled).
        var output = await ClusterChecks.RunAsync(
            "docker",
            ct,
            [
                "run", "--rm", "--name", name, "--label", "io.ksail.test=true", "--cgroupns", "private", .. NodePrivileges,
                "-v", $"{Script("/bin/k3d-entrypoint-cgroupv2.sh")}:/fix.sh:ro", "--entrypoint", "/bin/sh", image, "-c",
                """
                set -e
                mount -t tmpfs none /sys/fs/cgroup
                mount -t cgroup2 none /sys/fs/cgroup
                sleep 60 &
                sh /fix.sh
                echo "root: $(cat /sys/fs/cgroup/cgroup.procs | tr '\n' ' ')"
                echo "init: $(cat /sys/fs/cgroup/init/cgroup.procs | wc -l)"
                kill $!
                for p in $(cat /sys/fs/cgroup/init/cgroup.procs); do echo "$p" >/sys/fs/cgroup/cgroup.procs 2>/dev/null || true; done
                rmdir /sys/fs/cgroup/init 2>/dev/null || true
                """,
            ]);

        Assert.Contains("cgroup v2 fix: moving every process out of the root cgroup", output, StringComparison.Ordinal);
        Assert.Contains("root: \n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("init: 0\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task D5_the_DNS_fix_points_resolv_conf_at_the_gateway_where_Docker_names_resolve_and_adds_k3d_PREROUTING_rule_for_pods()
    {
        var ct = TestContext.Current.CancellationToken;
        var image = (await TestImages.GetAsync(ct))["k3s-node"];
        await ClusterChecks.RunAsync("docker", ct, "network", "create", "--label", "io.ksail.test=true", name);
        try
        {
            await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", $"{name}-peer", "--label", "io.ksail.test=true", "--network", name, "--entrypoint", "/bin/sh", image, "-c", "sleep 120");
            var peer = (await ClusterChecks.RunAsync("docker", ct, "inspect", "--format", $"{{{{(index .NetworkSettings.Networks \"{name}\").IPAddress}}}}", $"{name}-peer")).Trim();
            var gateway = (await ClusterChecks.RunAsync("docker", ct, "network", "inspect", "--format", "{{(index .IPAM.Config 0).Gateway}}", name)).Trim();

            var output = await ClusterChecks.RunAsync(
                "docker",
                ct,
                [
                    "run", "--rm", "--name", name, "--label", "io.ksail.test=true", "--network", name, "--cap-add", "NET_ADMIN",
                    "-v", $"{Script("/bin/k3d-entrypoint-dns.sh")}:/fix.sh:ro", "--entrypoint", "/bin/sh", image, "-c",
                    $"sh /fix.sh >/dev/null && cat /etc/resolv.conf && iptables-save -t nat && nslookup {name}-peer",
                ]);

            Assert.Contains($"nameserver {gateway}\n", output, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.11", output.Split("*nat")[0], StringComparison.Ordinal);
            Assert.Contains($"-A PREROUTING -d {gateway}/32 -j DOCKER_OUTPUT", output, StringComparison.Ordinal);
            Assert.Contains($"--to-source {gateway}:53", output, StringComparison.Ordinal);
            Assert.Contains($"Address: {peer}", output, StringComparison.Ordinal);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", $"{name}-peer");
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "network", "rm", name);
        }
    }
}
