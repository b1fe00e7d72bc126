using System.Text.Json;
using KSail.Testing;
using ModelContextProtocol.Protocol;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// <c>tools/list</c> of the real <c>ksail open mcp</c>, asked by the SDK's own client over stdio:
/// the command tree grouped as KSail's toolgen groups it (a read and a write tool per command
/// group, one tool per top-level command; ksail pkg/toolgen/consolidate.go), each tool's input
/// schema made from its subcommands' options, and the annotations.
/// </summary>
public sealed class McpToolListTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private McpServerProcess server = null!;
    private IReadOnlyDictionary<string, Tool> tools = null!;

    public async ValueTask InitializeAsync()
    {
        server = await McpServerProcess.StartAsync(dir.Path);
        tools = (await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name, t => t.ProtocolTool, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        dir.Dispose();
    }

    [Fact]
    public void Every_visible_command_is_a_tool_grouped_by_permission_and_nothing_hidden_or_interactive_is()
    {
        // Every visible subcommand of a group (ksail cluster create, ...) is in the enum of exactly one of the
        // group's two tools, and every other visible top-level command is a tool of its own
        var covered = new List<string>();
        // (ksail open is the group of the server itself: no tool)
        foreach (var group in CommandTree.Groups.Where(g => g is not "ksail" and not "ksail open"))
        {
            var name = group["ksail ".Length..];
            var subcommands = CommandTree.Commands.Where(c => c.StartsWith(group + " ", StringComparison.Ordinal)).Select(c => c[(group.Length + 1)..].Replace(' ', '_')).Order(StringComparer.Ordinal).ToList();
            var read = Subcommands($"{name}_read");
            var write = Subcommands($"{name}_write");

            Assert.True(read.Count + write.Count > 0, $"'{group}' has no tool: {string.Join(", ", tools.Keys)}");
            Assert.Empty(read.Intersect(write, StringComparer.Ordinal));
            Assert.Equal(subcommands, read.Concat(write).Order(StringComparer.Ordinal).ToList());
            covered.AddRange([$"{name}_read", $"{name}_write"]);
        }

        var leaves = CommandTree.Commands.Where(c => c.Count(ch => ch == ' ') == 1 && !CommandTree.Groups.Contains(c)).Select(c => c["ksail ".Length..]).ToList();
        foreach (var leaf in leaves.Where(l => l != "completion"))
        {
            Assert.True(tools.ContainsKey(leaf), $"the top-level command '{leaf}' is no tool: {string.Join(", ", tools.Keys)}");
            covered.Add(leaf);
        }

        // Nothing else: not the hidden commands, not completion (a shell's), not open/mcp (the server itself)
        Assert.Empty(tools.Keys.Except(covered, StringComparer.Ordinal));
        foreach (var left in new[] { "completion", "open", "open_mcp", "mcp", "__session", "__reap", "help" })
        {
            Assert.DoesNotContain(tools.Keys, t => t == left || t.StartsWith(left + "_", StringComparison.Ordinal) || t.Contains("__", StringComparison.Ordinal));
        }

        // The groups KSail has (issue #21): cluster, project and workload, with their usual split
        Assert.Contains("list", Subcommands("cluster_read"));
        Assert.Contains("info", Subcommands("cluster_read"));
        foreach (var write in new[] { "create", "delete", "stop", "start", "update" })
        {
            Assert.Contains(write, Subcommands("cluster_write"));
        }

        Assert.Contains("init", Subcommands("project_write"));
        Assert.Contains("version", tools.Keys);
        Assert.Contains("test", tools.Keys);
    }

    [Fact]
    public void The_subcommand_parameter_is_a_required_enum_described_as_KSail_describes_it()
    {
        var schema = tools["cluster_write"].InputSchema;
        var command = schema.GetProperty("properties").GetProperty("command");

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", command.GetProperty("type").GetString());
        Assert.Contains("command", schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var description = command.GetProperty("description").GetString()!;
        Assert.StartsWith("The subcommand to execute. Options:\n", description, StringComparison.Ordinal);
        Assert.Contains("create: Create the cluster declared in ksail.yaml.", description, StringComparison.Ordinal);
        Assert.Contains("delete: Delete a cluster", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_become_properties_by_long_name_with_their_type_and_description()
    {
        var write = Properties("cluster_write");
        var read = Properties("cluster_read");

        // bool -> boolean, enum -> string with its values, string[] -> array of strings, else string
        Assert.Equal("boolean", write["dry-run"].GetProperty("type").GetString());
        Assert.Equal("boolean", write["keep-on-failure"].GetProperty("type").GetString());
        Assert.Equal("string", write["if-exists"].GetProperty("type").GetString());
        Assert.Equal(["recreate", "refuse", "reuse"], write["if-exists"].GetProperty("enum").EnumerateArray().Select(v => v.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("array", write["mirror-registry"].GetProperty("type").GetString());
        Assert.Equal("string", write["mirror-registry"].GetProperty("items").GetProperty("type").GetString());
        Assert.Equal("string", write["distribution-config"].GetProperty("type").GetString());
        Assert.StartsWith("The native config file (kind.yaml, k3d.yaml, kwok.yaml).", write["distribution-config"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("string", read["name"].GetProperty("type").GetString());
        Assert.Equal("integer", Properties("project_write")["workers"].GetProperty("type").GetString());

        // KSail's rule: an option of fewer than half the tool's subcommands says which it applies to
        Assert.EndsWith("(applies to: delete)", write["delete-storage"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(applies to: create)", write["mirror-registry"].GetProperty("description").GetString(), StringComparison.Ordinal);

        // Not properties: help, quiet, verbose, and --output where it is the output format (the server asks for JSON)
        foreach (var tool in tools.Keys)
        {
            foreach (var left in new[] { "help", "quiet", "verbose", "h", "?", "q", "v" })
            {
                Assert.False(Properties(tool).ContainsKey(left), $"{tool} has the property '{left}'");
            }
        }

        Assert.False(read.ContainsKey("output"), "cluster_read takes --output (the output format) as a property");
        // create's --output (the plan's format) is not a property; kubeconfig's --output (a file) and
        // project init's (the directory to write to) are
        Assert.EndsWith("(applies to: kubeconfig)", write["output"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("string", Properties("project_write")["output"].GetProperty("type").GetString());
    }

    [Fact]
    public void Positional_arguments_are_an_args_array_only_where_a_command_takes_them()
    {
        // ksail test [<dotnet-test-arguments>...]
        var args = Properties("test")["args"];
        Assert.Equal("array", args.GetProperty("type").GetString());
        Assert.Equal("string", args.GetProperty("items").GetProperty("type").GetString());

        // No cluster subcommand takes arguments
        Assert.False(Properties("cluster_write").ContainsKey("args"));
        Assert.False(Properties("cluster_read").ContainsKey("args"));
    }

    [Fact]
    public void Read_tools_are_read_only_and_the_cluster_write_tool_is_destructive_and_idempotent()
    {
        foreach (var (name, tool) in tools)
        {
            Assert.True(tool.Annotations is not null, $"{name} has no annotations");
            if (name.EndsWith("_read", StringComparison.Ordinal) || name.EndsWith("_write", StringComparison.Ordinal))
            {
                Assert.Equal(name.EndsWith("_read", StringComparison.Ordinal), tool.Annotations!.ReadOnlyHint == true);
            }
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{name} has no description");
        }

        // delete and update are in cluster_write; create takes --if-exists reuse
        var write = tools["cluster_write"].Annotations!;
        Assert.False(write.ReadOnlyHint);
        Assert.True(write.DestructiveHint);
        Assert.True(write.IdempotentHint);

        // project_write only writes files (init): nothing is deleted or updated
        Assert.NotEqual(true, tools["project_write"].Annotations!.DestructiveHint);
    }

    [Fact]
    public async Task The_alias_ksail_mcp_serves_the_same_tools()
    {
        await using var alias = await McpServerProcess.StartAsync(dir.Path, command: ["mcp"]);

        var listed = await alias.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(tools.Keys.Order(StringComparer.Ordinal), listed.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonSerializer.Serialize(tools["cluster_write"].InputSchema), JsonSerializer.Serialize(listed.Single(t => t.Name == "cluster_write").ProtocolTool.InputSchema));
    }

    private List<string> Subcommands(string tool) =>
        tools.TryGetValue(tool, out var found)
            ? found.InputSchema.GetProperty("properties").GetProperty("command").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList()
            : [];

    private Dictionary<string, JsonElement> Properties(string tool) =>
        tools[tool].InputSchema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];
}
