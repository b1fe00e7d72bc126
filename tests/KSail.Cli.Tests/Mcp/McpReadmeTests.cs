using System.Text;
using System.Text.Json;
using KSail.Testing;
using ModelContextProtocol.Protocol;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// README's section "AI assistants (MCP)": its tool tables are what the server lists (rendered here
/// from <c>tools/list</c>, never typed; <c>KSAIL_UPDATE_SNAPSHOTS=1</c> rewrites them between
/// <c>&lt;!-- mcp-tools:start --&gt;</c> and <c>&lt;!-- mcp-tools:end --&gt;</c>, as HelpSnapshotTests
/// rewrites the help snapshots), and each client configuration it shows starts a server that answers.
/// </summary>
public sealed class McpReadmeTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    private const string Section = "## AI assistants (MCP)";
    private const string Start = "<!-- mcp-tools:start -->";
    private const string End = "<!-- mcp-tools:end -->";

    private static string ReadmePath => Path.Combine(RepositoryPaths.Root, "README.md");

    [Fact]
    public async Task The_tool_tables_are_what_the_server_lists()
    {
        var tools = await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var rendered = Render([.. tools.Select(t => t.ProtocolTool)]);
        var readme = File.ReadAllText(ReadmePath).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start > readme.IndexOf(Section, StringComparison.Ordinal) && end > start, $"README.md has no {Start} ... {End} in \"{Section[3..]}\"");

        if (Environment.GetEnvironmentVariable("KSAIL_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(ReadmePath, readme[..(start + Start.Length)] + "\n" + rendered + readme[end..]);
            return;
        }

        var written = readme[(start + Start.Length)..end].TrimStart('\n');
        Assert.True(
            written == rendered,
            $"README's MCP tool tables differ from what the server lists; accept it with: cd tests/KSail.Cli.Tests && KSAIL_UPDATE_SNAPSHOTS=1 dotnet run -- -class '*McpReadmeTests' (then review 'git diff README.md').\nThe server lists:\n{rendered}");
    }

    [Fact]
    public async Task Each_client_configuration_of_the_README_starts_a_server_that_lists_the_tools()
    {
        var blocks = JsonBlocks();
        Assert.True(blocks.Count >= 2, $"\"{Section[3..]}\" shows {blocks.Count} client configurations");
        foreach (var (line, text) in blocks)
        {
            // Given: the configuration's entry for ksail ('servers' in VS Code's mcp.json, 'mcpServers' in Claude Desktop's)
            using var json = JsonDocument.Parse(text);
            var servers = json.RootElement.TryGetProperty("servers", out var vscode) ? vscode : json.RootElement.GetProperty("mcpServers");
            var entry = servers.GetProperty("ksail");
            Assert.Equal("ksail", entry.GetProperty("command").GetString());
            Assert.False(entry.TryGetProperty("type", out var type) && type.GetString() != "stdio", $"README.md line {line}: not a stdio server");
            var args = entry.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();

            // When: started as the client would start it (the ksail command being the built ksail.dll here)
            await using var server = await McpServerProcess.StartAsync(fixture.Directory.Path, command: args);

            // Then
            var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(tools.Any(t => t.Name == "cluster_write"), $"README.md line {line}: the server lists {string.Join(", ", tools.Select(t => t.Name))}");
        }
    }

    /// <summary>The tables for <paramref name="tools"/>: one row per tool, then one per subcommand with what it does.</summary>
    internal static string Render(IReadOnlyList<Tool> tools)
    {
        var text = new StringBuilder();
        text.Append("| tool | access | subcommands (`command`) | `args` |\n|---|---|---|---|\n");
        foreach (var tool in tools)
        {
            var commands = Subcommands(tool);
            var access = tool.Annotations?.ReadOnlyHint == true ? "read-only" : "write";
            if (tool.Annotations?.DestructiveHint == true && tool.Annotations.ReadOnlyHint != true)
            {
                access += ", destructive";
            }

            if (tool.Annotations?.IdempotentHint == true && tool.Annotations.ReadOnlyHint != true)
            {
                access += ", idempotent";
            }

            var takesArgs = tool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("args", out _);
            text.Append(CultureInvariant($"| `{tool.Name}` | {access} | {(commands.Count == 0 ? "(one command)" : string.Join(", ", commands.Select(c => $"`{c.Key}`")))} | {(takesArgs ? "yes" : "no")} |\n"));
        }

        text.Append("\nWhat each call runs, and so what it can change:\n\n| tool | `command` | runs | what it does |\n|---|---|---|---|\n");
        foreach (var tool in tools)
        {
            var commands = Subcommands(tool);
            if (commands.Count == 0)
            {
                text.Append(CultureInvariant($"| `{tool.Name}` | | `ksail {tool.Name}` | {Cell(tool.Description)} |\n"));
            }

            foreach (var (key, description) in commands)
            {
                var group = tool.Name[..tool.Name.LastIndexOf('_')];
                text.Append(CultureInvariant($"| `{tool.Name}` | `{key}` | `ksail {group} {key.Replace('_', ' ')}` | {Cell(description)} |\n"));
            }
        }

        return text.ToString();
    }

    // The subcommands of a grouped tool with their descriptions, as its 'command' parameter describes them
    // ("The subcommand to execute. Options:\nlist: List ..."); none for a single-command tool.
    private static List<(string Key, string Description)> Subcommands(Tool tool)
    {
        if (!tool.InputSchema.TryGetProperty("properties", out var properties) || !properties.TryGetProperty("command", out var command))
        {
            return [];
        }

        var described = command.GetProperty("description").GetString()!.Split('\n').Skip(1)
            .Select(l => l.Split(": ", 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return [.. command.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).Select(k => (k, described.GetValueOrDefault(k, string.Empty)))];
    }

    private static string Cell(string? text) => (text ?? string.Empty).ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    // The json blocks of the section, with the line each starts on.
    private static List<(int Line, string Text)> JsonBlocks()
    {
        var lines = File.ReadAllText(ReadmePath).ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, Section);
        Assert.True(start >= 0, $"README.md has no section \"{Section[3..]}\"");
        var blocks = new List<(int, string)>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (lines[i] == "```json")
            {
                var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                blocks.Add((i + 1, string.Join('\n', lines[(i + 1)..end])));
                i = end;
            }
        }

        return blocks;
    }
}
