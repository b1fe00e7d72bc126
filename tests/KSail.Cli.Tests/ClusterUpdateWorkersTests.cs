using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// <c>ksail cluster update</c> changes a Vanilla cluster's worker count in place (kind has no command
/// for it; the nodes are created and joined with kubeadm as create joins them), on the test bed's
/// kind node image.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ClusterUpdateWorkersTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"uw-{Guid.NewGuid().ToString("N")[..6]}";
    private string image = string.Empty;

    private string Kubeconfig => Path.Combine(dir.Path, "kubeconfig");

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        WriteKind(workers: 1);
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n    connection:\n      kubeconfig: ./kubeconfig\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Ksail.RunAsync(dir.Path, "cluster", "delete");
        dir.Dispose();
    }

    [Fact]
    public async Task Workers_are_added_and_removed_in_place_and_without_workers_the_control_plane_takes_workloads()
    {
        var ct = TestContext.Current.CancellationToken;
        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);
        Assert.Equal([$"{name}-control-plane", $"{name}-worker"], await ClusterChecks.ReadyNodeNamesAsync(Kubeconfig, ct));
        Assert.Matches("node-role.kubernetes.io/(master|control-plane)", await ControlPlaneTaintsAsync(ct));

        WriteKind(workers: 2);
        var plan = await Ksail.RunAsync(dir.Path, "cluster", "update", "--dry-run");
        Assert.True(plan.Output.Contains("in-place: kind worker nodes: 1 -> 2: add 1 worker (created and joined with kubeadm", StringComparison.Ordinal), plan.Output + plan.Error);

        var grow = await Ksail.RunAsync(dir.Path, "cluster", "update", "--yes");
        Assert.True(grow.ExitCode == ExitCodes.Success, grow.Output + grow.Error);
        Assert.Contains("applied: kind worker nodes (add 1 worker", grow.Output, StringComparison.Ordinal);
        Assert.Equal([$"{name}-control-plane", $"{name}-worker", $"{name}-worker2"], await ClusterChecks.ReadyNodeNamesAsync(Kubeconfig, ct));

        // Without workers the control plane takes workloads, as create leaves a cluster without workers
        // (else the stability check, which update runs, would find no schedulable node).
        WriteKind(workers: 0);
        var shrink = await Ksail.RunAsync(dir.Path, "cluster", "update", "--yes");
        Assert.True(shrink.ExitCode == ExitCodes.Success, shrink.Output + shrink.Error);
        Assert.Contains("in-place: kind worker nodes: 2 -> 0: remove 2 workers (removed with their Node objects)", shrink.Output, StringComparison.Ordinal);
        Assert.Equal([$"{name}-control-plane"], await ClusterChecks.ReadyNodeNamesAsync(Kubeconfig, ct));
        // kubeadm's control-plane taint is gone (not-ready may linger a moment after Ready: the controller removes it)
        Assert.DoesNotContain("node-role.kubernetes.io/master", await ControlPlaneTaintsAsync(ct), StringComparison.Ordinal);
        Assert.DoesNotContain("node-role.kubernetes.io/control-plane", await ControlPlaneTaintsAsync(ct), StringComparison.Ordinal);
        var containers = await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=io.x-k8s.kind.cluster={name}");
        Assert.DoesNotContain($"{name}-worker", containers, StringComparison.Ordinal);

        var after = await Ksail.RunAsync(dir.Path, "cluster", "update", "--dry-run");
        Assert.True(after.Output.Contains("nothing to change", StringComparison.Ordinal), after.Output + after.Error);
    }

    private void WriteKind(int workers) =>
        dir.Write("kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: " + image + "\n"
            + string.Concat(Enumerable.Repeat($"  - role: worker\n    image: {image}\n", workers)));

    private Task<string> ControlPlaneTaintsAsync(CancellationToken ct) =>
        ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", Kubeconfig, "get", "node", $"{name}-control-plane", "-o", "jsonpath={.spec.taints}");
}
