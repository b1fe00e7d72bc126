using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Lifecycle;

/// <summary>The classes of <c>cluster update</c> for K3s declarations (the process-level tests cover kind).</summary>
public sealed class ClusterUpdatePlanTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void K3d_servers_and_image_need_a_new_cluster_agents_scale_in_place_and_components_install_in_place()
    {
        var before = Load("servers: 1\nagents: 0\nimage: rancher/k3s:v1.31.0-k3s1\n", string.Empty);
        var after = Load("servers: 3\nagents: 2\nimage: rancher/k3s:v1.32.0-k3s1\n", "    gitOpsEngine: Flux\n    csi: Enabled\n");

        var plan = ClusterUpdatePlan.Compute(StateOf(before), after);

        var changes = plan.Changes.ToDictionary(c => c.Field, StringComparer.Ordinal);
        Assert.Equal((ChangeClass.RecreateRequired, "1", "3"), (changes["k3d servers"].Class, changes["k3d servers"].From, changes["k3d servers"].To));
        Assert.Equal((ChangeClass.InPlace, ChangeAction.ScaleWorkers, true), (changes["k3d agents"].Class, changes["k3d agents"].Action, changes["k3d agents"].CanApply));
        Assert.Equal("add 2 agents (as k3d node create)", changes["k3d agents"].Detail);
        Assert.Equal(ChangeClass.RecreateRequired, changes["node image"].Class);
        Assert.Equal((ChangeClass.InPlace, ChangeAction.Install), (changes["spec.cluster.gitOpsEngine"].Class, changes["spec.cluster.gitOpsEngine"].Action));
        Assert.Equal("flux", Assert.Single(changes["spec.cluster.gitOpsEngine"].Install).Name);
        Assert.Equal("local-path-provisioner", Assert.Single(changes["spec.cluster.csi"].Install).Name);
        Assert.False(plan.CanApplyAll);
    }

    [Fact]
    public void Disabling_K3s_built_in_metrics_server_needs_a_new_cluster_and_spelling_out_a_default_is_no_change()
    {
        var before = Load("servers: 1\n", string.Empty);

        var disabled = ClusterUpdatePlan.Compute(StateOf(before), Load("servers: 1\n", "    metricsServer: Disabled\n"));
        var change = Assert.Single(disabled.Changes);
        Assert.Equal((ChangeClass.RecreateRequired, "Default", "Disabled"), (change.Class, change.From, change.To));

        var spelledOut = ClusterUpdatePlan.Compute(StateOf(before), Load("servers: 1\n", "    metricsServer: Default\n    provider: Docker\n    gitOpsEngine: None\n"));
        Assert.True(spelledOut.IsEmpty, string.Join("; ", spelledOut.Changes));
    }

    [Fact]
    public void Another_distribution_needs_a_new_cluster()
    {
        var k3s = Load("servers: 1\n", string.Empty);
        dir.Write("kind/ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    distribution: Vanilla\n");
        var kind = Declarations.Load(Path.Combine(dir.Path, "kind", "ksail.yaml"));

        var plan = ClusterUpdatePlan.Compute(StateOf(k3s), kind);

        var change = Assert.Single(plan.Changes, c => c.Field == "spec.cluster.distribution");
        Assert.Equal((ChangeClass.RecreateRequired, "K3s", "Vanilla"), (change.Class, change.From, change.To));
    }

    private ClusterDefinition Load(string k3d, string clusterTail)
    {
        var folder = Path.Combine(dir.Path, Guid.NewGuid().ToString("N")[..8]);
        dir.Write(Path.Combine(folder, "k3d.yaml"), $"apiVersion: k3d.io/v1alpha5\nkind: Simple\n{k3d}");
        dir.Write(Path.Combine(folder, "ksail.yaml"), $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n{clusterTail}");
        return Declarations.Load(Path.Combine(folder, "ksail.yaml"));
    }

    // The spec as create saves it.
    private ClusterState StateOf(ClusterDefinition cluster)
    {
        var store = new ClusterStateStore(Path.Combine(dir.Path, "state"));
        store.Save(cluster, DateTimeOffset.UnixEpoch);
        return store.Load(cluster.Name)!;
    }
}
