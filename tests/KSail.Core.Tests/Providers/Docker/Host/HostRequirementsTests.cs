using KSail.Core.Labels;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Core.Providers.Docker.Host;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Providers.Docker.Host;

/// <summary>
/// The provider refuses a node on a host that cannot run one before the engine creates anything
/// (FIDELITY K17, kind's <c>validateProvider</c>). No rootless engine runs here, so the provider is
/// given the host a rootless engine on this cgroup v1 machine would report; the containers are real.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class HostRequirementsTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly ScratchDirectory dir = new();
    private readonly string cluster = $"hr-{Guid.NewGuid().ToString("N")[..8]}";
    private DockerProvider? provider;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;

        // What the probe reads from rootless Docker 20.10 on cgroup v1: name=rootless, no cgroup driver.
        var rootlessCgroupV1 = new HostInfo { CgroupVersion = 1, Rootless = true, CgroupLimitsDelegated = false, StorageDriver = "overlay2", SharesFileSystem = true };
        provider = new DockerProvider(await DockerEngine.ConnectAsync(ct: ct), progress: null, time: null, privilegeMemoryPath: Path.Combine(dir.Path, "privileges"), knownHost: rootlessCgroupV1);
    }

    public async ValueTask DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.RemoveAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster }, CancellationToken.None);
            provider.Dispose();
        }

        dir.Dispose();
    }

    private async Task<ContainerSpec> SpecAsync(string name, bool privileged) => new()
    {
        Name = $"{cluster}-{name}",
        Image = await TestImages.ShellAsync(TestContext.Current.CancellationToken),
        Network = cluster,
        Labels = ResourceLabels.For(cluster, name, TestLabel),
        Entrypoint = ["/bin/sh", "-c", "exec sleep 300"],
        Privileged = privileged,
    };

    [Fact]
    public async Task FIDELITY_K17_on_a_rootless_cgroup_v1_host_no_node_is_created_and_the_message_says_what_to_do()
    {
        var ct = TestContext.Current.CancellationToken;
        await provider!.EnsureNetworkAsync(cluster, ResourceLabels.For(cluster, "network", TestLabel), ct);

        var ex = await Assert.ThrowsAsync<ProviderUnavailableException>(async () => await provider.RunAsync(await SpecAsync("control-plane", privileged: true), ct));
        await provider.RunAsync(await SpecAsync("helper", privileged: false), ct);

        Assert.Equal(ExitCodes.ProviderUnavailable, ex.ExitCode);
        Assert.Equal(HostRequirements.Refusal(await provider.HostAsync(ct)), ex.Message);
        Assert.Contains("cgroup v1", ex.Message, StringComparison.Ordinal);
        Assert.Equal([$"{cluster}-helper"], (await provider.ListAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster }, ct)).Select(c => c.Name));
    }
}
