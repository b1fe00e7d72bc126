using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Lifecycle.Create;
using KSail.Core.State;
using KSail.Core.Workloads;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions.Kwok;

/// <summary>
/// A GitOps engine on KWOK: it installs (the kwok controller reports its Pods Running), but nothing
/// runs its controllers, so nothing waits for them to sync, as KSail skips Flux and reconciliation on
/// KWOK (pkg/cli/setup/requirements.go, pkg/cli/cmd/workload/reconcile.go).
/// </summary>
public sealed class KwokGitOpsTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("Flux")]
    [InlineData("ArgoCD")]
    public async Task GitOps_readiness_is_not_waited_for_on_simulated_nodes_and_a_warning_says_why(string engine)
    {
        var cluster = KwokDeclarations.Load(dir, "sim", KwokDeclarations.Header, $"    gitOpsEngine: {engine}\n");
        var progress = new ProgressRecorder<ProgressEvent>();

        // No provider and no API client: the phase decides before it would talk to the cluster.
        var context = new CreateContext(cluster, null!, progress, new ClusterStateStore(Path.Combine(dir.Path, "state")), TimeProvider.System);
        await new GitOpsReadinessPhase().ExecuteAsync(context, TestContext.Current.CancellationToken);

        var warning = Assert.Single(progress.Events);
        Assert.Equal(ProgressLevel.Warning, warning.Level);
        Assert.Equal("GitOps readiness", warning.Step);
        Assert.Contains($"KWOK's nodes are simulated: {engine}'s controllers", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workload_reconcile_is_refused_before_anything_is_pushed_or_connected()
    {
        var cluster = KwokDeclarations.Load(dir, "sim", KwokDeclarations.Header, "    gitOpsEngine: ArgoCD\n");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            ClusterOperations.ReconcileWorkloadAsync(cluster, new WorkloadReconcileOptions(new WorkloadPushOptions()), ct: TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InvalidConfiguration, error.ExitCode);
        Assert.EndsWith("ksail.yaml", Assert.Single(error.Diagnostics).Location.File, StringComparison.Ordinal);
        Assert.Contains("cannot wait on a KWOK cluster: its nodes are simulated, so ArgoCD's controllers never sync", error.Message, StringComparison.Ordinal);
    }
}
