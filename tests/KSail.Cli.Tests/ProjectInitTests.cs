using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests;

public sealed class ProjectInitTests
{
    [Fact]
    public async Task Init_scaffolds_a_project_that_create_dry_run_accepts()
    {
        using var dir = new ScratchDirectory();

        var init = await Ksail.RunAsync(dir.Path, "project", "init", "--distribution", "K3s", "--name", "demo", "--workers", "1");
        var plan = await Ksail.RunAsync(dir.Path, "cluster", "create", "--dry-run");

        Assert.Equal(ExitCodes.Success, init.ExitCode);
        Assert.Contains("created ksail.yaml", init.Output, StringComparison.Ordinal);
        Assert.Contains("created k3d.yaml", init.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(dir.Path, "k8s")));
        Assert.Equal(ExitCodes.Success, plan.ExitCode);
        Assert.Contains("k3d-demo-server-0", plan.Output, StringComparison.Ordinal);
        Assert.Contains("k3d-demo-agent-0", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_without_force()
    {
        using var dir = new ScratchDirectory();
        dir.Write("ksail.yaml", "mine");

        var refused = await Ksail.RunAsync(dir.Path, "project", "init");
        var forced = await Ksail.RunAsync(dir.Path, "project", "init", "--force");

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
        Assert.Contains("ksail.io/v1alpha1", File.ReadAllText(Path.Combine(dir.Path, "ksail.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_prints_the_checked_in_schema()
    {
        using var dir = new ScratchDirectory();

        var run = await Ksail.RunAsync(dir.Path, "project", "schema");

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "ksail.schema.json")), run.Output);
    }
}
