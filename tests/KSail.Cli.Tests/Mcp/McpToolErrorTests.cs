using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// Failures come back as tool errors (<c>isError</c>) carrying what the command line prints and the
/// exit code's meaning (README "Exit codes"), as text and as <c>{exitCode, meaning, errors}</c>; a
/// call the tool does not offer runs nothing.
/// </summary>
public sealed class McpToolErrorTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    public static TheoryData<string> BadNames => new(BadDeclarations.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_bad_declaration_is_a_tool_error_naming_file_line_and_column_with_exit_code_3(string name)
    {
        // Given: the bad declaration in a folder of its own, named by the tool's config property
        var bad = BadDeclarations.All.Single(b => b.Name == name);
        var folder = Path.Combine(fixture.Directory.Path, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var (file, content) in new[] { ("ksail.yaml", bad.KSailYaml), (bad.NativeFile, bad.NativeYaml) })
        {
            if (file is not null)
            {
                File.WriteAllText(Path.Combine(folder, file), content);
            }
        }

        // When
        var result = await fixture.Server.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "create", ["config"] = Path.Combine(folder, "ksail.yaml") });

        // Then: the CLI's error line, file:line:col first, and exit 3 with its meaning
        Assert.True(result.IsError == true, fixture.Server.Describe(result));
        var text = McpServerProcess.Text(result);
        var location = $"{Path.Combine(folder, bad.File)}:{bad.Line}:{bad.Column}: error: ";
        Assert.Contains(text.Split('\n'), line => line.StartsWith(location, StringComparison.Ordinal) && line.Contains(bad.Message, StringComparison.Ordinal));
        Assert.Contains("exit code 3: invalid configuration", text, StringComparison.Ordinal);
        var structured = result.StructuredContent!.Value;
        Assert.Equal(ExitCodes.InvalidConfiguration, structured.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("invalid configuration", structured.GetProperty("meaning").GetString(), StringComparison.Ordinal);
        Assert.Contains(structured.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith(location, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_usage_error_is_exit_code_2_with_the_CLI_s_message()
    {
        var folder = Path.Combine(fixture.Directory.Path, "usage");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ksail.yaml"), "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n");

        var result = await fixture.Server.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "create", ["config"] = Path.Combine(folder, "ksail.yaml"), ["ttl"] = "soon" });

        Assert.True(result.IsError == true, fixture.Server.Describe(result));
        Assert.Contains("--ttl 'soon' is not a duration", McpServerProcess.Text(result), StringComparison.Ordinal);
        Assert.Contains("exit code 2: ", McpServerProcess.Text(result), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, result.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
    }

    [Theory]
    [InlineData("cluster_read", "delete")] // a write subcommand through the read tool
    [InlineData("cluster_read", "explode")] // no such subcommand
    [InlineData("cluster_write", "list")]
    public async Task A_subcommand_the_tool_does_not_offer_is_refused_and_nothing_runs(string tool, string command)
    {
        var result = await fixture.Server.CallAsync(tool, new Dictionary<string, object?> { ["command"] = command, ["name"] = $"none-{Guid.NewGuid().ToString("N")[..6]}" });

        Assert.True(result.IsError == true, fixture.Server.Describe(result));
        Assert.Contains(command, McpServerProcess.Text(result), StringComparison.Ordinal);
        // Refused as a usage error, not run: delete of a cluster that does not exist would succeed ("no cluster of that name")
        Assert.DoesNotContain("no cluster", McpServerProcess.Text(result), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExitCodes.Usage, result.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task An_option_of_another_subcommand_is_refused()
    {
        // --delete-storage is delete's, not stop's
        var result = await fixture.Server.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "stop", ["delete-storage"] = true, ["name"] = $"none-{Guid.NewGuid().ToString("N")[..6]}" });

        Assert.True(result.IsError == true, fixture.Server.Describe(result));
        Assert.Contains("delete-storage", McpServerProcess.Text(result), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, result.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_Docker_is_exit_code_4_saying_how_to_start_it()
    {
        // A server whose DOCKER_HOST names a socket that does not exist
        await using var server = await McpServerProcess.StartAsync(fixture.Directory.Path, new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{Path.Combine(fixture.Directory.Path, "no-docker.sock")}" });

        var result = await server.CallAsync("cluster_read", new Dictionary<string, object?> { ["command"] = "list" });

        Assert.True(result.IsError == true, server.Describe(result));
        Assert.Contains("Docker is not reachable", McpServerProcess.Text(result), StringComparison.Ordinal);
        Assert.Contains("exit code 4: ", McpServerProcess.Text(result), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ProviderUnavailable, result.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
    }
}
