using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Core.Providers.Docker.Host;
using KSail.Testing.TestBed;
using KSail.Core.Labels;

namespace KSail.Core.Tests.Providers.Docker.Host;

public sealed class ExplicitPrivilegesTests : IDisposable
{
    private readonly string memory = Path.Combine(Path.GetTempPath(), $"ksail-privileges-{Guid.NewGuid():N}");

    private static ContainerSpec Node() => new()
    {
        Name = "dev-control-plane",
        Image = "kindest/node:v1.31.0",
        Network = "kind",
        Labels = new Dictionary<string, string> { ["io.x-k8s.kind.cluster"] = "dev" },
        Privileged = true,
        SecurityOptions = ["seccomp=unconfined", "apparmor=unconfined"],
        Mounts = [new ContainerMount(MountKind.Volume, string.Empty, "/var")],
    };

    public void Dispose() => File.Delete(memory);

    [Fact]
    public void A_privileged_node_gets_what_privileged_gives_spelled_out()
    {
        using var quirk = new ExplicitPrivileges("unix:///var/run/docker.sock 20.10.24", memoryPath: memory);

        var adjusted = quirk.Adjust(Node());

        Assert.False(adjusted.Privileged);
        Assert.Equal(["ALL"], adjusted.CapabilitiesToAdd);
        Assert.Equal(ExplicitPrivileges.MissingCapabilities(), adjusted.CapabilitiesToDrop);
        Assert.Equal(["seccomp=unconfined", "apparmor=unconfined"], adjusted.SecurityOptions); // the node's own, not twice
        Assert.True(adjusted.UnconfinedSystemPaths);
        Assert.Equal(["a *:* rwm"], adjusted.DeviceCgroupRules);
        Assert.Equal(["/dev/kmsg"], adjusted.Devices);
        Assert.Equal(
            [new ContainerMount(MountKind.Volume, string.Empty, "/var"), new ContainerMount(MountKind.Bind, "/sys/fs/cgroup", "/sys/fs/cgroup")],
            adjusted.Mounts);
        Assert.Equal((Node().Name, Node().Image, Node().Network), (adjusted.Name, adjusted.Image, adjusted.Network));
    }

    [Fact]
    public void A_container_that_is_not_privileged_is_left_as_it_is()
    {
        using var quirk = new ExplicitPrivileges("key", memoryPath: memory);
        var helper = Node() with { Privileged = false };

        Assert.Same(helper, quirk.Adjust(helper));
    }

    [Theory]
    [InlineData("CapBnd:\t000001fffeffffff", new[] { "SYS_RESOURCE" })] // this sandbox: bit 24 missing
    [InlineData("CapBnd:\t0000003fffffffff", new[] { "PERFMON", "BPF", "CHECKPOINT_RESTORE" })] // a kernel before 5.8/5.9
    [InlineData("CapBnd:\t000001ffffffffff", new[] { "SYS_RESOURCE" })] // lacks none: --privileged failed for another reason
    [InlineData(null, new[] { "SYS_RESOURCE" })] // no CapBnd line
    public void The_missing_capabilities_come_from_the_bounding_set(string? line, string[] missing)
    {
        Assert.Equal(missing, ExplicitPrivileges.MissingCapabilities(line));
    }

    [Fact]
    public void A_finding_is_remembered_per_engine_and_applies_only_once_found()
    {
        File.WriteAllLines(memory, ["unix:///var/run/docker.sock 20.10.24"]);
        using var same = new ExplicitPrivileges("unix:///var/run/docker.sock 20.10.24", memoryPath: memory);
        using var other = new ExplicitPrivileges("tcp://build-host.example:2376 27.3.1", memoryPath: memory);

        Assert.True(same.Remembered());
        Assert.False(other.Remembered());
        Assert.False(same.AppliesTo(new HostInfo())); // not before the first privileged container of the connection
        Assert.Null(same.Needed);
    }

    [Fact]
    [Trait("Requires", "Docker")]
    public async Task The_first_privileged_node_finds_the_quirk_and_a_new_connection_remembers_it()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var cluster = $"ep-{Guid.NewGuid().ToString("N")[..8]}";
        var labels = ResourceLabels.For(cluster, "node", new Dictionary<string, string> { ["io.ksail.test"] = "true" });
        using var engine = await DockerEngine.ConnectAsync(ct: ct);
        var warnings = new List<ProgressEvent>();
        using var provider = new DockerProvider(engine, new SynchronousProgress(warnings.Add), null, memory);
        try
        {
            await provider.EnsureNetworkAsync(cluster, labels, ct);
            var spec = new ContainerSpec
            {
                Name = $"{cluster}-node",
                Image = await TestImages.ShellAsync(ct),
                Network = cluster,
                Labels = labels,
                Entrypoint = ["/bin/sh", "-c", "exec sleep 300"],
                Privileged = true,
            };

            await provider.RunAsync(spec, ct);
            var explicitly = provider.UsesExplicitPrivileges;

            // Found by trying: remembered (and warned about) exactly when this host refused --privileged.
            Assert.NotNull(explicitly);
            var key = DockerProvider.EngineKey(engine);
            Assert.Equal(explicitly.Value, File.Exists(memory) && File.ReadAllLines(memory).Contains(key));
            Assert.Equal(explicitly.Value ? 1 : 0, warnings.Count(w => w.Level == ProgressLevel.Warning && w.Message.StartsWith("this Docker host cannot grant --privileged", StringComparison.Ordinal)));
            Assert.Equal(explicitly.Value, provider.Quirks.Single(q => q is ExplicitPrivileges).AppliesTo(await provider.HostAsync(ct)));

            // A new connection to the same engine starts from the finding.
            using var again = new ExplicitPrivileges(key, memoryPath: memory);
            Assert.Equal(explicitly.Value, again.Remembered());
        }
        finally
        {
            await provider.RemoveAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster }, CancellationToken.None);
        }
    }

    // Reports on the caller's thread, so the list is complete when RunAsync returns.
    private sealed class SynchronousProgress(Action<ProgressEvent> report) : IProgress<ProgressEvent>
    {
        public void Report(ProgressEvent value) => report(value);
    }
}
