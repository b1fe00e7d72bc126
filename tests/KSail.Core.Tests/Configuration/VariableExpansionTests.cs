using KSail.Core.Distributions.K3s;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

public sealed class VariableExpansionTests
{
    private static string Declaration(string name) => $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\n";

    [Fact]
    public void A_set_variable_is_expanded()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", Declaration("team-${TEAM}")), new Dictionary<string, string?> { ["TEAM"] = "blue" });
        Assert.Equal("team-blue", cluster.Name);
    }

    [Theory]
    [InlineData("${TEAM:-red}")]
    [InlineData("${TEAM:=red}")]
    public void An_unset_variable_takes_its_default(string placeholder)
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", Declaration(placeholder)));
        Assert.Equal("red", cluster.Name);
    }

    [Fact]
    public void Numbers_can_come_from_variables()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(
            dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    workers: ${WORKERS}\n"),
            new Dictionary<string, string?> { ["WORKERS"] = "2" });
        Assert.Equal(3, cluster.Nodes.Count);
    }

    [Fact]
    public void Every_unset_variable_is_reported_with_where_it_is_used()
    {
        using var dir = new ScratchDirectory();
        var ex = Declarations.Refuse(dir.Write(
            "ksail.yaml",
            "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: ${A}\nspec:\n  cluster:\n    connection:\n      kubeconfig: ${B}/config\n"));

        Assert.Equal(2, ex.Errors().Count);
        Assert.Contains("${A:-value}", ex.Errors()[0].Message, StringComparison.Ordinal);
        Assert.Equal((4, 9), (ex.Errors()[0].Location.Line, ex.Errors()[0].Location.Column));
        Assert.Equal((8, 19), (ex.Errors()[1].Location.Line, ex.Errors()[1].Location.Column));
    }

    [Fact]
    public void Native_configs_are_taken_literally_as_kind_and_k3d_take_them()
    {
        using var dir = new ScratchDirectory();
        dir.CopyUpstream("k3d/multi-server.yaml", "k3d.yaml"); // has a $HOME volume, which is k3d's to expand
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: K3s\n"));
        Assert.Equal("$HOME:/some/path", cluster.Native<K3dSimpleConfig>().Volumes![0].Volume);
    }
}
