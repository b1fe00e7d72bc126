using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

/// <summary>Explicit arguments &gt; KSAIL_* environment &gt; file &gt; defaults.</summary>
public sealed class PrecedenceTests
{
    private const string Declared = """
        apiVersion: ksail.io/v1alpha1
        kind: Cluster
        metadata:
          name: from-file
        spec:
          cluster:
            workers: 1
        """;

    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["KSAIL_METADATA_NAME"] = "from-env",
        ["KSAIL_SPEC_CLUSTER_WORKERS"] = "2",
    };

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n"));

        Assert.Equal("kind", cluster.Name);
        Assert.Equal(Distribution.Vanilla, cluster.Distribution);
        Assert.Equal(Provider.Docker, cluster.Provider);
        Assert.Null(cluster.DistributionConfigFile);
        Assert.Equal(["kind-control-plane"], cluster.Nodes.Select(n => n.Name));
        Assert.Equal("/home/tester/.kube/config", cluster.KubeconfigPath);
        Assert.Equal(PhaseTimeoutValues.Defaults, cluster.Timeouts);
        Assert.Equal(TeardownPolicy.Always, cluster.Teardown);
    }

    [Fact]
    public void Without_a_declared_kubeconfig_the_file_of_KUBECONFIG_kind_writes_is_used_and_a_declared_one_wins()
    {
        // kind pkg/cluster/internal/kubeconfig/internal/kubeconfig/paths.go pathForMerge: the first file
        // of KUBECONFIG that exists, else the last.
        using var dir = new ScratchDirectory();
        var first = Path.Combine(dir.Path, "first");
        var second = Path.Combine(dir.Path, "second");
        var third = Path.Combine(dir.Path, "third");
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = string.Join(Path.PathSeparator, first, second, third) };
        var ksail = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n");

        var noneExists = Declarations.Load(ksail, environment);
        dir.Write("second", "apiVersion: v1\nkind: Config\n");
        var secondExists = Declarations.Load(ksail, environment);
        var declared = Declarations.Load(
            dir.Write("declared/ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    connection:\n      kubeconfig: ~/own.yaml\n"),
            environment);

        Assert.Equal(third, noneExists.KubeconfigPath);
        Assert.Equal(second, secondExists.KubeconfigPath);
        Assert.Equal("/home/tester/own.yaml", declared.KubeconfigPath);
    }

    [Fact]
    public void The_file_wins_over_defaults()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", Declared));

        Assert.Equal("from-file", cluster.Name);
        Assert.Equal(2, cluster.Nodes.Count);
    }

    [Fact]
    public void The_environment_wins_over_the_file()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", Declared), Environment);

        Assert.Equal("from-env", cluster.Name);
        Assert.Equal(["from-env-control-plane", "from-env-worker", "from-env-worker2"], cluster.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Arguments_win_over_the_environment()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(
            dir.Write("ksail.yaml", Declared),
            Environment,
            [ConfigOverride.FromArgument("metadata.name", "from-args", "--name"), ConfigOverride.FromArgument("spec.cluster.workers", "0", "--workers")]);

        Assert.Equal("from-args", cluster.Name);
        Assert.Equal(["from-args-control-plane"], cluster.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void KSails_own_variable_names_are_honoured()
    {
        using var dir = new ScratchDirectory();
        dir.CopyUpstream("k3d/minimal.yaml", "k3d.yaml");
        var cluster = Declarations.Load(
            dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n"),
            new Dictionary<string, string?> { ["KSAIL_SPEC_DISTRIBUTION"] = "K3s", ["KSAIL_SPEC_SOURCEDIRECTORY"] = "manifests" });

        Assert.Equal(Distribution.K3s, cluster.Distribution);
        Assert.Equal(Path.Combine(dir.Path, "manifests"), cluster.SourceDirectory);
    }

    [Fact]
    public void Every_scalar_field_has_a_variable()
    {
        Assert.Equal("spec.cluster.cni", EnvironmentOverrides.Variables["KSAIL_SPEC_CLUSTER_CNI"]);
        Assert.Equal("spec.cluster.connection.timeout", EnvironmentOverrides.Variables["KSAIL_SPEC_CLUSTER_CONNECTION_TIMEOUT"]);
        Assert.Equal("spec.cluster.timeouts.provision", EnvironmentOverrides.Variables["KSAIL_SPEC_CLUSTER_TIMEOUTS_PROVISION"]);
        Assert.DoesNotContain(EnvironmentOverrides.Variables.Values, p => p.Contains("pools", StringComparison.Ordinal));
    }

    [Fact]
    public void Unrelated_KSAIL_variables_are_left_alone()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(
            dir.Write("ksail.yaml", Declared),
            new Dictionary<string, string?> { ["KSAIL_COPILOT_TOKEN"] = "secret", ["KSAIL_SOMETHING"] = "x" });

        Assert.Equal("from-file", cluster.Name);
    }
}
