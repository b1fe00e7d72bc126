using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Readiness;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

/// <summary>
/// A kind.yaml with networking.disableDefaultCNI: true, or a k3d.yaml passing --flannel-backend=none,
/// with spec.cluster.cni: Default is a cluster whose user installs their own CNI after create, as kind
/// and k3d create it: accepted, shown in the plan, and checked only for what runs without a CNI.
/// </summary>
public sealed class BringYourOwnCniTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ClusterDefinition Kind(string networking, string clusterFields = "")
    {
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n{networking}nodes:\n  - role: control-plane\n");
        return Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n{clusterFields}"));
    }

    private ClusterDefinition K3d(string options)
    {
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\n{options}");
        return Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n"));
    }

    [Theory]
    [InlineData("Vanilla", "networking.disableDefaultCNI: true")]
    [InlineData("K3s", "--flannel-backend=none")]
    public void A_distribution_CNI_turned_off_is_accepted_and_the_plan_says_there_is_no_CNI(string distribution, string setting)
    {
        var cluster = distribution == "Vanilla"
            ? Kind("networking:\n  disableDefaultCNI: true\n")
            : K3d("options:\n  k3s:\n    extraArgs:\n      - arg: --flannel-backend=none\n        nodeFilters:\n          - server:*\n");

        Assert.Equal(setting, cluster.CniDisabledBy);
        Assert.Equal("no CNI: bring your own", cluster.Components.Single(c => c.Component == "CNI").Outcome);
        Assert.True(StabilityOptions.For(cluster).WithoutCni);
    }

    [Fact]
    public void A_cluster_keeping_its_distributions_CNI_is_checked_in_full()
    {
        var kind = Kind(string.Empty);
        var k3d = K3d(string.Empty);

        Assert.Null(kind.CniDisabledBy);
        Assert.Null(k3d.CniDisabledBy);
        Assert.Equal("kindnetd (kind's default CNI)", kind.Components.Single(c => c.Component == "CNI").Outcome);
        Assert.False(StabilityOptions.For(kind).WithoutCni);
        Assert.False(StabilityOptions.For(k3d).WithoutCni);
        ClusterLifecycle.RefuseComponentsWithoutCni(Kind(string.Empty, "    gitOpsEngine: Flux\n"));
    }

    [Fact]
    public void Create_refuses_components_whose_Pods_cannot_start_before_the_users_CNI_runs_and_says_how_to_add_them_later()
    {
        var cluster = Kind("networking:\n  disableDefaultCNI: true\n", "    metricsServer: Enabled\n    gitOpsEngine: Flux\n");

        var ex = Assert.Throws<ConfigurationException>(() => ClusterLifecycle.RefuseComponentsWithoutCni(cluster));

        Assert.Equal(ExitCodes.InvalidConfiguration, ex.ExitCode);
        var error = Assert.Single(ex.Diagnostics);
        Assert.Equal(cluster.ConfigFile, error.Location.File);
        Assert.Contains("no CNI (networking.disableDefaultCNI: true in kind.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("metrics-server and flux", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("install your CNI, then declare them again and run 'ksail cluster update'", error.Message, StringComparison.Ordinal);
        ClusterLifecycle.RefuseComponentsWithoutCni(Kind("networking:\n  disableDefaultCNI: true\n"));
    }
}
