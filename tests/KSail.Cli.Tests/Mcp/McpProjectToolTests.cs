using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// <c>project_write init</c> and <c>project_read schema</c> through the server: the same commands as
/// typed, path options resolved from the server's working directory.
/// </summary>
public sealed class McpProjectToolTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    [Fact]
    public async Task Init_writes_the_project_into_a_folder_named_relative_to_the_server_s_directory()
    {
        // When: init into "demo", a folder of the server's working directory
        var result = await fixture.Server.CallAsync("project_write", new Dictionary<string, object?> { ["command"] = "init", ["output"] = "demo", ["name"] = "mcp-demo", ["distribution"] = "K3s", ["workers"] = 1 });

        // Then: the files, as ksail project init writes them, and a plan that creates what they declare
        Assert.True(result.IsError != true, fixture.Server.Describe(result));
        var project = Path.Combine(fixture.Directory.Path, "demo");
        Assert.Contains("created demo/ksail.yaml", McpServerProcess.Text(result), StringComparison.Ordinal);
        Assert.Contains("distribution: K3s", File.ReadAllText(Path.Combine(project, "ksail.yaml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "k3d.yaml")), string.Join(", ", Directory.GetFileSystemEntries(project)));
        Assert.True(Directory.Exists(Path.Combine(project, "k8s")));
        var plan = await Ksail.RunAsync(project, "cluster", "create", "--dry-run");
        Assert.True(plan.ExitCode == ExitCodes.Success, plan.Error);
        Assert.Contains("k3d-mcp-demo-agent-0", plan.Output, StringComparison.Ordinal);

        // A second init over it is refused as on the command line (exit 2, --force named), and --force overwrites
        var again = await fixture.Server.CallAsync("project_write", new Dictionary<string, object?> { ["command"] = "init", ["output"] = "demo" });
        Assert.True(again.IsError == true, fixture.Server.Describe(again));
        Assert.Contains("--force", McpServerProcess.Text(again), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, again.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
        var forced = await fixture.Server.CallAsync("project_write", new Dictionary<string, object?> { ["command"] = "init", ["output"] = "demo", ["force"] = true });
        Assert.True(forced.IsError != true, fixture.Server.Describe(forced));
        Assert.Contains("distribution: Vanilla", File.ReadAllText(Path.Combine(project, "ksail.yaml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "kind.yaml")));
    }

    [Fact]
    public async Task Schema_returns_the_checked_in_schema()
    {
        var result = await fixture.Server.CallAsync("project_read", new Dictionary<string, object?> { ["command"] = "schema" });

        Assert.True(result.IsError != true, fixture.Server.Describe(result));
        var schema = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "ksail.schema.json"));
        Assert.Equal(schema.Trim(), McpServerProcess.Text(result).Trim());
    }
}
