using System.Diagnostics;
using KSail.Core.Providers.Docker;
using KSail.Core.Readiness;
using KSail.Core.Distributions.Vanilla;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>A cluster whose owner is killed, or whose time to live ends, is removed by the reaper.</summary>
[Trait("Requires", "Docker")]
public sealed class ReaperTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"r-{Guid.NewGuid().ToString("N")[..6]}";
    private DockerProvider? docker;

    private DockerProvider Docker => docker!;

    private Dictionary<string, string> ClusterLabel => new() { [VanillaProvisioner.ClusterLabel] = name };

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        docker = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {image}\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    connection:\n      kubeconfig: ./kubeconfig\n");
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            await new KSail.Core.Lifecycle.ClusterLifecycle(docker).DeleteAsync(name, ct: CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    private Process StartCreate(params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ksail.dll"), "cluster", "create" }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private string ReaperLog() =>
        string.Join(" | ", Directory.Exists(KSail.Core.Lifecycle.Reaper.StateDirectory)
            ? Directory.GetFiles(KSail.Core.Lifecycle.Reaper.StateDirectory, $"{name}-*.log").Select(File.ReadAllText)
            : ["no reaper state directory"]);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> what)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"{what()} did not happen within {limit.TotalSeconds:0} s");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    [Fact]
    public async Task Killing_the_owner_after_the_nodes_exist_leaves_nothing_after_the_reapers_delay()
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = StartCreate();

        // Given the owner has created the node container
        await WaitUntilAsync(async () => (await Docker.ListAsync(ClusterLabel, ct)).Count > 0, TimeSpan.FromMinutes(3), () => "the node container's creation");

        // When the owner is killed (SIGKILL: it cannot clean up)
        owner.Kill();
        await owner.WaitForExitAsync(ct);

        // Then the reaper removes everything
        await WaitUntilAsync(async () => (await Docker.ListAsync(ClusterLabel, ct)).Count == 0, TimeSpan.FromSeconds(120), () => $"the reaper's removal (its log: {ReaperLog()})");
    }

    [Theory]
    [InlineData("check images")]
    [InlineData("create network")]
    [InlineData("create servers")]
    [InlineData("create agents")]
    [InlineData("export kubeconfig")]
    public async Task Killing_the_owner_at_any_step_of_a_K3s_create_leaves_nothing(string step)
    {
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\nagents: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    connection:\n      kubeconfig: ./kubeconfig\n");

        await KillAtStepAndWaitUntilNothingIsLeftAsync(step, KSail.Core.Distributions.K3s.K3sProvisioner.ClusterLabel, $"k3d-{name}");
    }

    // Every step a Vanilla create of a control plane and a worker reports, up to the stability check's
    // nodes step (the DaemonSets step passes within a second here, after which the cluster is handed over).
    [Theory]
    [InlineData("check images")]
    [InlineData("create network")]
    [InlineData("create nodes")]
    [InlineData("kubeadm init")]
    [InlineData("install CNI")]
    [InlineData("install storage")]
    [InlineData("kubeadm join")]
    [InlineData("export kubeconfig")]
    [InlineData(ClusterStabilityCheck.ApiServerStep)]
    [InlineData(ClusterStabilityCheck.NodesStep)]
    public async Task Killing_the_owner_at_any_step_of_a_Vanilla_create_leaves_nothing(string step)
    {
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {image}\n  - role: worker\n    image: {image}\n");

        // kind's network is shared by every kind cluster: it stays, as kind leaves it.
        await KillAtStepAndWaitUntilNothingIsLeftAsync(step, VanillaProvisioner.ClusterLabel, network: null);
    }

    // Starts 'cluster create' from ksail.yaml in the scratch directory, kills it (SIGKILL: it cannot
    // clean up) once it reports the step, and waits until the reaper has removed the nodes found by
    // the distribution's cluster label, their (anonymous) volumes and the cluster's own network.
    private async Task KillAtStepAndWaitUntilNothingIsLeftAsync(string step, string clusterLabel, string? network)
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = StartCreate();

        // Given the owner has begun the step
        var seen = new List<string>();
        while (await owner.StandardError.ReadLineAsync(ct) is { } line)
        {
            seen.Add(line);
            if (line.StartsWith($"• {step}:", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(seen.Count > 0 && seen[^1].StartsWith($"• {step}:", StringComparison.Ordinal), $"the create never reported step '{step}': {string.Join(" | ", seen)}");
        Assert.False(owner.HasExited, $"the create ended during step '{step}': {string.Join(" | ", seen)}");

        // When the owner is killed
        owner.Kill();
        await owner.WaitForExitAsync(ct);

        // Then the reaper removes the nodes, their volumes and the network
        var label = $"label={clusterLabel}={name}";
        var nodes = (await ClusterChecks.RunAsync("docker", ct, "ps", "-aq", "--filter", label)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var volumes = new List<string>();
        foreach (var node in nodes)
        {
            volumes.AddRange((await ClusterChecks.RunAsync("docker", ct, "inspect", "--format", "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}", node))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        async Task<string> LeftAsync()
        {
            var allVolumes = (await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (await ClusterChecks.RunAsync("docker", ct, "ps", "-aq", "--filter", label)).Trim()
                + string.Join(" ", allVolumes.Intersect(volumes, StringComparer.Ordinal))
                + (network is null ? string.Empty : (await ClusterChecks.RunAsync("docker", ct, "network", "ls", "-q", "--filter", $"name=^{network}$")).Trim());
        }

        await WaitUntilAsync(async () => (await LeftAsync()).Length == 0, TimeSpan.FromSeconds(120), () => $"the reaper's removal after a kill at '{step}' (its log: {ReaperLog()})");
        Assert.Empty(await LeftAsync());
    }

    [Fact]
    public async Task A_time_to_live_removes_the_cluster_after_it_was_handed_over()
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = StartCreate("--ttl", "5s");
        var output = owner.StandardOutput.ReadToEndAsync(ct);
        var errors = owner.StandardError.ReadToEndAsync(ct);
        await owner.WaitForExitAsync(ct);
        Assert.True(owner.ExitCode == 0, await errors);
        Assert.Contains($"Cluster '{name}' is up", await output, StringComparison.Ordinal);
        Assert.Contains("deleted in 5s", await errors, StringComparison.Ordinal);

        var kubeconfig = Path.Combine(dir.Path, "kubeconfig");
        Assert.Contains($"kind-{name}", File.ReadAllText(kubeconfig), StringComparison.Ordinal);
        await WaitUntilAsync(
            async () => (await Docker.ListAsync(ClusterLabel, ct)).Count == 0 && !File.ReadAllText(kubeconfig).Contains($"kind-{name}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120),
            () => $"the removal of the nodes and the context at the end of the time to live (the reaper's log: {ReaperLog()})");
    }
}
