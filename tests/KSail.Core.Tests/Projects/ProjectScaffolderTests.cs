using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Projects;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Projects;

public sealed class ProjectScaffolderTests
{
    [Theory]
    [InlineData(Distribution.Vanilla, "kind.yaml", "dev-control-plane")]
    [InlineData(Distribution.K3s, "k3d.yaml", "k3d-dev-server-0")]
    public void A_new_project_loads_as_it_was_written(Distribution distribution, string nativeFile, string firstNode)
    {
        using var dir = new ScratchDirectory();

        var written = ProjectScaffolder.Init(new ProjectInitOptions { Directory = dir.Path, Distribution = distribution, Name = "dev", Workers = 2 });

        Assert.Contains(Path.Combine(dir.Path, nativeFile), written);
        Assert.True(Directory.Exists(Path.Combine(dir.Path, "k8s")));
        Assert.StartsWith("# yaml-language-server: $schema=.ksail/ksail.schema.json", File.ReadAllText(Path.Combine(dir.Path, "ksail.yaml")), StringComparison.Ordinal);
        Assert.Equal(ClusterConfigSchema.Generate(), File.ReadAllText(Path.Combine(dir.Path, ".ksail", "ksail.schema.json")));
        var cluster = Declarations.Load(Path.Combine(dir.Path, "ksail.yaml"));
        Assert.Equal("dev", cluster.Name);
        Assert.Equal(distribution, cluster.Distribution);
        Assert.Equal(firstNode, cluster.Nodes.First(n => n.Role == NodeRole.ControlPlane).Name);
        Assert.Equal(2, cluster.Nodes.Count(n => n.Role == NodeRole.Worker));
        Assert.Empty(cluster.Warnings);
    }

    [Fact]
    public void A_native_config_without_a_node_count_gets_workers_in_ksail_yaml()
    {
        // kwok.yaml has no field for the fake nodes: --workers goes to ksail.yaml's spec.cluster.workers, not nowhere.
        using var dir = new ScratchDirectory();

        ProjectScaffolder.Init(new ProjectInitOptions { Directory = dir.Path, Distribution = Distribution.KWOK, Name = "dev", Workers = 3 });

        var cluster = Declarations.Load(Path.Combine(dir.Path, "ksail.yaml"));
        Assert.Equal(Distribution.KWOK, cluster.Distribution);
        Assert.Equal(3, cluster.Declared.Spec?.Cluster?.Workers);
        Assert.Empty(cluster.Warnings);
    }

    [Fact]
    public void A_native_config_with_a_node_count_keeps_it_out_of_ksail_yaml()
    {
        using var dir = new ScratchDirectory();

        ProjectScaffolder.Init(new ProjectInitOptions { Directory = dir.Path, Distribution = Distribution.Vanilla, Name = "dev", Workers = 3 });

        Assert.DoesNotContain("workers:", File.ReadAllText(Path.Combine(dir.Path, "ksail.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_files_are_not_overwritten_without_force()
    {
        using var dir = new ScratchDirectory();
        dir.Write("kind.yaml", "mine");

        var ex = Assert.Throws<ProjectExistsException>(() => ProjectScaffolder.Init(new ProjectInitOptions { Directory = dir.Path }));

        Assert.Equal(["kind.yaml"], ex.Existing);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Path, "kind.yaml")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "ksail.yaml")));
    }

    [Fact]
    public void Force_overwrites()
    {
        using var dir = new ScratchDirectory();
        dir.Write("kind.yaml", "mine");

        ProjectScaffolder.Init(new ProjectInitOptions { Directory = dir.Path, Force = true });

        Assert.Contains("kind.x-k8s.io/v1alpha4", File.ReadAllText(Path.Combine(dir.Path, "kind.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_distribution_not_built_yet_is_refused()
    {
        using var dir = new ScratchDirectory();
        var ex = Assert.Throws<ArgumentException>(() => ProjectScaffolder.Init(new ProjectInitOptions { Directory = dir.Path, Distribution = Distribution.Talos }));
        Assert.Contains("supported today: Vanilla, K3s", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
