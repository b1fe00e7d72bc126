using System.CommandLine;
using System.Text.Json;
using KSail.Cli.Mcp;
using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// A command added to the CLI becomes a tool with no MCP code written for it (issue #21): throw-away
/// commands are added to a copy of the command tree, and the server's generator (the one behind
/// <c>tools/list</c>) lists them, with their options, and their calls run them through the same
/// parse and invoke as the command line.
/// </summary>
public sealed class McpNewCommandTests : IDisposable
{
    private readonly ScratchDirectory dir = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task A_throw_away_command_is_listed_as_a_tool_and_a_call_of_it_runs_it()
    {
        // Given: the tree as ksail builds it, and a new cluster subcommand without any annotation
        var context = CliContext.Plain(output, error, dir.Path, new Dictionary<string, string?>());
        var root = KSailCli.BuildRoot(context);
        Assert.DoesNotContain("frobnicate", McpTools.From(root).Single(t => t.Name == "cluster_write").Subcommands.Keys);
        var level = new Option<int>("--level") { Description = "How hard to frobnicate (a throw-away option of this test)." };
        var gently = new Option<bool>("--gently") { Description = "Frobnicate gently." };
        var ran = new List<string>();
        var frobnicate = new Command("frobnicate", "Frobnicate a cluster (a throw-away command of this test).") { level, gently };
        frobnicate.SetAction(parse =>
        {
            ran.Add($"level {parse.GetValue(level)}, gently {parse.GetValue(gently)}");
            return ExitCodes.Success;
        });
        root.Subcommands.Single(c => c.Name == "cluster").Add(frobnicate);

        // When
        var tools = McpTools.From(root).ToDictionary(t => t.Name, StringComparer.Ordinal);

        // Then: it is a write subcommand (the default) of cluster_write, its options properties that apply to it alone
        var tool = tools["cluster_write"];
        Assert.Contains("frobnicate", tool.Subcommands.Keys);
        Assert.DoesNotContain("frobnicate", tools["cluster_read"].Subcommands.Keys);
        var schema = tool.Tool.InputSchema;
        Assert.Contains("frobnicate", schema.GetProperty("properties").GetProperty("command").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("frobnicate: Frobnicate a cluster (a throw-away command of this test).", schema.GetProperty("properties").GetProperty("command").GetProperty("description").GetString(), StringComparison.Ordinal);
        var property = schema.GetProperty("properties").GetProperty("level");
        Assert.Equal("integer", property.GetProperty("type").GetString());
        Assert.Equal("How hard to frobnicate (a throw-away option of this test). (applies to: frobnicate)", property.GetProperty("description").GetString());
        Assert.Equal("boolean", schema.GetProperty("properties").GetProperty("gently").GetProperty("type").GetString());

        // and a call runs it as typed: the command line it makes, through the command line's own parse and invoke
        var line = McpTools.CommandLine(tool, Arguments(new() { ["command"] = "frobnicate", ["level"] = 3, ["gently"] = true }));
        Assert.Equal(["cluster", "frobnicate"], line.Take(2));
        var code = await KSailCli.RunAsync(root, [.. line], context, TestContext.Current.CancellationToken);
        Assert.True(code == ExitCodes.Success, error.ToString());
        Assert.Equal(["level 3, gently True"], ran);

        // and an option it does not take is refused before anything runs
        Assert.Throws<McpToolInputException>(() => McpTools.CommandLine(tool, Arguments(new() { ["command"] = "frobnicate", ["delete-storage"] = true })));
    }

    [Fact]
    public void A_new_command_group_gives_a_read_and_a_write_tool_with_nested_subcommands_joined_by_underscores()
    {
        // Given: a new top-level group with a read subcommand, an unannotated nested one, and a new top-level leaf
        var context = CliContext.Plain(output, error, dir.Path, new Dictionary<string, string?>());
        var root = KSailCli.BuildRoot(context);
        var parts = new Command("parts", "Work with a gadget's parts (throw-away).") { new Command("count", "Count a gadget's parts (throw-away).") };
        var gadget = new Command("gadget", "Gadgets (a throw-away group of this test).")
        {
            new Command("show", "Show a gadget (throw-away).").Annotate(ToolPermission.Read),
            parts,
        };
        root.Add(gadget);
        root.Add(new Command("greet", "Greet (a throw-away top-level command of this test).") { new Argument<string[]>("names") { Description = "Who to greet." } });
        var hidden = new Command("sneak", "Never a tool.") { Hidden = true };
        root.Add(hidden);

        // When
        var tools = McpTools.From(root).ToDictionary(t => t.Name, StringComparer.Ordinal);

        // Then
        Assert.Equal(["show"], tools["gadget_read"].Subcommands.Keys);
        Assert.Equal(["parts_count"], tools["gadget_write"].Subcommands.Keys);
        Assert.Equal(["gadget", "parts", "count"], tools["gadget_write"].Subcommands["parts_count"].Path);
        Assert.True(tools["gadget_read"].Tool.Annotations!.ReadOnlyHint);
        Assert.False(tools["gadget_write"].Tool.Annotations!.ReadOnlyHint);
        var greet = tools["greet"].Tool.InputSchema.GetProperty("properties").GetProperty("args");
        Assert.Equal("array", greet.GetProperty("type").GetString());
        Assert.DoesNotContain(tools.Keys, t => t.StartsWith("sneak", StringComparison.Ordinal));
    }

    private static Dictionary<string, JsonElement> Arguments(Dictionary<string, object> values) =>
        values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value), StringComparer.Ordinal);
}
