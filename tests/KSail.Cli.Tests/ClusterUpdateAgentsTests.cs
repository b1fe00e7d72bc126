using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// <c>ksail cluster update</c> changes a K3s cluster's agent count in place, as <c>k3d node create</c>
/// and <c>k3d node delete</c> do, on the test bed's K3s node and k3d proxy images.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ClusterUpdateAgentsTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"ua-{Guid.NewGuid().ToString("N")[..6]}";
    private Dictionary<string, string?> environment = [];
    private string image = string.Empty;

    private string Kubeconfig => Path.Combine(dir.Path, "kubeconfig");

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var images = await TestImages.GetAsync(TestContext.Current.CancellationToken);
        image = images["k3s-node"];
        environment = new Dictionary<string, string?> { ["K3D_IMAGE_LOADBALANCER"] = images["k3d-proxy"] };
        WriteK3d(agents: 0);
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    connection:\n      kubeconfig: ./kubeconfig\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Ksail.RunAsync(dir.Path, environment, "cluster", "delete");
        dir.Dispose();
    }

    [Fact]
    public async Task Agents_are_added_and_removed_in_place_and_the_load_balancer_follows()
    {
        var ct = TestContext.Current.CancellationToken;
        var create = await Ksail.RunAsync(dir.Path, environment, "cluster", "create");
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);
        Assert.Equal([$"k3d-{name}-server-0"], await ClusterChecks.ReadyNodeNamesAsync(Kubeconfig, ct));

        // A field option of update sets the field as create's does (shown in the plan, nothing applied)
        var flagged = await Ksail.RunAsync(dir.Path, environment, "cluster", "update", "--dry-run", "--metrics-server", "Disabled");
        Assert.True(flagged.Output.Contains("recreate-required: spec.cluster.metricsServer: Default -> Disabled: K3s's built-in metrics-server", StringComparison.Ordinal), flagged.Output + flagged.Error);

        WriteK3d(agents: 2);
        var plan = await Ksail.RunAsync(dir.Path, environment, "cluster", "update", "--dry-run");
        Assert.True(plan.Output.Contains("in-place: k3d agents: 0 -> 2: add 2 agents (as k3d node create)", StringComparison.Ordinal), plan.Output + plan.Error);

        var grow = await Ksail.RunAsync(dir.Path, environment, "cluster", "update", "--yes");
        Assert.True(grow.ExitCode == ExitCodes.Success, grow.Output + grow.Error);
        Assert.Contains("applied: k3d agents (add 2 agents", grow.Output, StringComparison.Ordinal);
        Assert.Equal([$"k3d-{name}-agent-0", $"k3d-{name}-agent-1", $"k3d-{name}-server-0"], await ClusterChecks.ReadyNodeNamesAsync(Kubeconfig, ct));
        Assert.Contains($"- k3d-{name}-agent-1", await LoadBalancerValuesAsync(ct), StringComparison.Ordinal);
        Assert.DoesNotContain("K3S_TOKEN", grow.Output + grow.Error, StringComparison.Ordinal);

        WriteK3d(agents: 1);
        var shrink = await Ksail.RunAsync(dir.Path, environment, "cluster", "update", "--yes");
        Assert.True(shrink.ExitCode == ExitCodes.Success, shrink.Output + shrink.Error);
        Assert.Contains("in-place: k3d agents: 2 -> 1: remove 1 agent (as k3d node delete)", shrink.Output, StringComparison.Ordinal);
        Assert.Equal([$"k3d-{name}-agent-0", $"k3d-{name}-server-0"], await ClusterChecks.ReadyNodeNamesAsync(Kubeconfig, ct));
        var containers = await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=k3d.cluster={name}");
        Assert.DoesNotContain($"k3d-{name}-agent-1", containers, StringComparison.Ordinal);
        Assert.DoesNotContain($"k3d-{name}-agent-1", await LoadBalancerValuesAsync(ct), StringComparison.Ordinal);

        var after = await Ksail.RunAsync(dir.Path, environment, "cluster", "update", "--dry-run");
        Assert.True(after.Output.Contains("nothing to change", StringComparison.Ordinal), after.Output + after.Error);
    }

    private void WriteK3d(int agents) =>
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\nagents: {agents}\nports:\n  - port: \"80\"\n    nodeFilters:\n      - loadbalancer\n");

    private Task<string> LoadBalancerValuesAsync(CancellationToken ct) =>
        ClusterChecks.RunAsync("docker", ct, "exec", $"k3d-{name}-serverlb", "cat", "/etc/confd/values.yaml");
}
