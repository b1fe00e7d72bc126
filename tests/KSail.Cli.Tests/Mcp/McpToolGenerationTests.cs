using System.CommandLine;
using System.Text.Json;
using KSail.Cli.Mcp;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// The tools of <c>ksail open mcp</c> as <see cref="McpTools.From"/> generates them from the command
/// tree, in process (KSail's pkg/toolgen: consolidate.go and schema.go are the model): grouping by
/// read/write, the input schema, the annotations, exclusion, and the command line a call runs.
/// </summary>
public sealed class McpToolGenerationTests
{
    private static readonly JsonSerializerOptions KebabCase = new() { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower };
    private static readonly string[] TwoTargets = ["a", "b"];
    private static readonly string[] Archive = ["images.tar"];
    private static readonly string[] OneArgument = ["x"];

    private static readonly CliContext Context = CliContext.Plain(TextWriter.Null, TextWriter.Null, Path.GetTempPath(), new Dictionary<string, string?>());

    private static IReadOnlyList<McpToolDefinition> Tools(RootCommand? root = null) => McpTools.From(root ?? KSailCli.BuildRoot(Context));

    private static McpToolDefinition Tool(string name, RootCommand? root = null) => Tools(root).Single(t => t.Name == name);

    private static JsonElement Property(McpToolDefinition tool, string name) => tool.Tool.InputSchema.GetProperty("properties").GetProperty(name);

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];

    [Fact]
    public void Groups_give_a_read_and_a_write_tool_leaf_commands_one_tool_and_hidden_or_excluded_commands_none()
    {
        var names = Tools().Select(t => t.Name).ToList();

        Assert.Equal(["project_read", "project_write", "cluster_read", "cluster_write", "workload_write", "version", "test"], names);
        Assert.DoesNotContain(names, n => n.StartsWith("open", StringComparison.Ordinal) || n.StartsWith("mcp", StringComparison.Ordinal) || n.Contains("completion", StringComparison.Ordinal) || n.Contains("__", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grouped_tool_takes_the_subcommand_as_a_required_enum_described_as_KSail_does()
    {
        var read = Tool("cluster_read");
        var command = Property(read, McpTools.CommandParameter);

        Assert.Equal(["diagnose", "info", "list", "wait"], Strings(command.GetProperty("enum")));
        Assert.StartsWith("The subcommand to execute. Options:\ndiagnose: Show what is unhealthy", command.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("\nlist: List the clusters on this Docker engine.", command.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal([McpTools.CommandParameter], Strings(read.Tool.InputSchema.GetProperty("required")));
        Assert.Equal(["create", "delete", "kubeconfig", "start", "stop", "update"], Strings(Property(Tool("cluster_write"), McpTools.CommandParameter).GetProperty("enum")));
    }

    [Fact]
    public void Options_become_properties_by_long_name_typed_by_their_value_and_help_quiet_verbose_and_the_json_switch_do_not()
    {
        var write = Tool("cluster_write");
        var properties = write.Tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal("boolean", Property(write, "dry-run").GetProperty("type").GetString());
        Assert.Equal("string", Property(write, "if-exists").GetProperty("type").GetString());
        Assert.Equal(["Refuse", "Reuse", "Recreate"], Strings(Property(write, "if-exists").GetProperty("enum")));
        Assert.Equal("array", Property(write, "mirror-registry").GetProperty("type").GetString());
        Assert.Equal("string", Property(write, "mirror-registry").GetProperty("items").GetProperty("type").GetString());
        Assert.Contains("distribution-config", properties);
        foreach (var absent in new[] { "help", "quiet", "verbose", "h", "q", "v" })
        {
            Assert.DoesNotContain(absent, properties);
        }

        // --output text|json is the server's to set; cluster kubeconfig's --output FILE stays (another type).
        Assert.DoesNotContain("output", Tool("cluster_read").Tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("string", Property(write, "output").GetProperty("type").GetString());

        // An integer with its default; an enum narrowed to the values help shows (the distributions this version creates).
        var init = Tool("project_write");
        Assert.Equal("integer", Property(init, "workers").GetProperty("type").GetString());
        Assert.Equal(0, Property(init, "workers").GetProperty("default").GetInt32());
        Assert.Equal(["Vanilla", "K3s", "KWOK"], Strings(Property(init, "distribution").GetProperty("enum")));
    }

    [Fact]
    public void An_option_of_fewer_than_half_of_the_subcommands_names_where_it_applies()
    {
        var write = Tool("cluster_write");

        // --ttl: create only (1 of 6); --config: every one of them, with different words per subcommand.
        Assert.EndsWith("(applies to: create)", Property(write, "ttl").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(applies to: delete)", Property(write, "delete-storage").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("applies to", Property(Tool("cluster_read"), "name").GetProperty("description").GetString(), StringComparison.Ordinal);
        var config = Property(write, "config").GetProperty("description").GetString()!;
        Assert.StartsWith("create: The ksail.yaml to use", config, StringComparison.Ordinal);
        Assert.Contains("delete, kubeconfig, start, stop: The ksail.yaml that names the cluster.", config, StringComparison.Ordinal);

        // args: the workload commands with an archive take positional arguments, half of them (so no list), cluster's none.
        Assert.Equal("Positional arguments for the command", Property(Tool("workload_write"), McpTools.ArgsParameter).GetProperty("description").GetString());
        Assert.False(Tool("cluster_read").Tool.InputSchema.GetProperty("properties").TryGetProperty(McpTools.ArgsParameter, out _));
    }

    [Fact]
    public void Read_tools_are_read_only_and_write_tools_destructive_when_they_delete_or_update_and_idempotent_where_create_can_reuse()
    {
        var read = Tool("cluster_read").Tool.Annotations!;
        var write = Tool("cluster_write").Tool.Annotations!;
        var project = Tool("project_write").Tool.Annotations!;

        Assert.True(read is { ReadOnlyHint: true, DestructiveHint: false, IdempotentHint: true, OpenWorldHint: true });
        Assert.True(write is { ReadOnlyHint: false, DestructiveHint: true, IdempotentHint: true });
        Assert.True(project is { ReadOnlyHint: false, DestructiveHint: false, IdempotentHint: false });
        Assert.True(Tool("version").Tool.Annotations is { ReadOnlyHint: true });
        Assert.Equal("Cluster Read", Tool("cluster_read").Tool.Title);
    }

    [Fact]
    public void Commands_added_to_the_tree_are_tools_with_no_MCP_code_nested_ones_flattened_hidden_and_excluded_ones_left_out()
    {
        // Given: a copy of the tree with a group the CLI does not have: an unannotated subcommand (write),
        // a read one, a nested pair, a hidden one and an excluded one
        var root = KSailCli.BuildRoot(Context);
        var nested = new Command("deep", "A nested group.") { new Command("down", "Below it.") { new Option<int>("--depth") { Description = "How deep." } } };
        var hidden = new Command("secret", "Hidden.") { Hidden = true };
        root.Add(new Command("gadget", "Throw-away gadgets.")
        {
            new Command("zap", "Zap the gadget.") { new Option<string[]>("--target") { Description = "What to zap." } },
            new Command("show", "Show the gadget.").Annotate(ToolPermission.Read),
            nested.Annotate(ToolPermission.Read),
            hidden,
            new Command("shell", "Interactive.").ExcludeFromTools(),
        });

        // Then
        var read = Tool("gadget_read", root);
        var write = Tool("gadget_write", root);
        Assert.Equal(["deep_down", "show"], Strings(Property(read, McpTools.CommandParameter).GetProperty("enum")));
        Assert.Equal(["zap"], Strings(Property(write, McpTools.CommandParameter).GetProperty("enum")));
        Assert.Equal("integer", Property(read, "depth").GetProperty("type").GetString());
        Assert.Equal(["gadget", "deep", "down"], read.Subcommands["deep_down"].Path);
        Assert.True(write.Tool.Annotations is { ReadOnlyHint: false, DestructiveHint: false });
        Assert.Equal(["gadget", "zap", "--target", "a", "--target", "b"], McpTools.CommandLine(write, Arguments(new { command = "zap", target = TwoTargets })));
    }

    [Fact]
    public void A_call_runs_the_command_line_it_names_asking_for_json_and_refuses_what_the_subcommand_does_not_take()
    {
        var read = Tool("cluster_read");
        var workload = Tool("workload_write");

        Assert.Equal(["cluster", "info", "--name", "dev", "--output", "json"], McpTools.CommandLine(read, Arguments(new { command = "info", name = "dev" })));
        Assert.Equal(["cluster", "create", "--dry-run", "true", "--if-exists", "Reuse", "--output", "json"], McpTools.CommandLine(Tool("cluster_write"), Arguments(new { command = "create", ifExists = "Reuse", dryRun = true })));
        Assert.Equal(["workload", "import", "--output", "json", "--", "images.tar"], McpTools.CommandLine(workload, Arguments(new { command = "import", args = Archive })));
        Assert.Equal(["version", "--output", "json"], McpTools.CommandLine(Tool("version"), null));

        Assert.Contains("'ttl' does not apply to 'cluster list'", Assert.Throws<McpToolInputException>(() => McpTools.CommandLine(read, Arguments(new { command = "list", ttl = "5m" }))).Message, StringComparison.Ordinal);
        Assert.Contains("'nope' is not a subcommand of cluster_read", Assert.Throws<McpToolInputException>(() => McpTools.CommandLine(read, Arguments(new { command = "nope" }))).Message, StringComparison.Ordinal);
        Assert.Contains("'command' is required", Assert.Throws<McpToolInputException>(() => McpTools.CommandLine(read, Arguments(new { name = "dev" }))).Message, StringComparison.Ordinal);
        Assert.Contains("'workers' must be an integer", Assert.Throws<McpToolInputException>(() => McpTools.CommandLine(Tool("project_write"), Arguments(new { command = "init", workers = "two" }))).Message, StringComparison.Ordinal);
        Assert.Contains("'args' does not apply to 'cluster list'", Assert.Throws<McpToolInputException>(() => McpTools.CommandLine(read, Arguments(new { command = "list", args = OneArgument }))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_carry_the_json_document_as_structured_content_and_failures_the_exit_code_and_its_meaning()
    {
        // A JSON array (cluster list) is wrapped, as structured content is an object; text is the output as printed.
        var listed = McpCallResults.Success(["cluster", "list", "--output", "json"], "[\n  {\"name\": \"dev\"}\n]\n", []);
        Assert.NotEqual(true, listed.IsError);
        Assert.Equal("dev", listed.StructuredContent!.Value.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal("[\n  {\"name\": \"dev\"}\n]", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(listed.Content[0]).Text);

        // Text output only: no structured content, the text as printed.
        var stopped = McpCallResults.Success(["cluster", "stop"], "Stopped cluster 'dev': dev-control-plane\n", ["warning: something to know"]);
        Assert.Null(stopped.StructuredContent);
        Assert.Equal("warning: something to know", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(stopped.Content[1]).Text);

        // A failure: the CLI's lines and the exit code's meaning, as text and as structured content.
        var failed = McpCallResults.Failure(3, ["ksail.yaml:5:19: error: spec.cluster.distribution is 'Nope'"], output: string.Empty);
        Assert.True(failed.IsError);
        Assert.Equal("ksail.yaml:5:19: error: spec.cluster.distribution is 'Nope'\nexit code 3: invalid configuration", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(failed.Content.Single()).Text);
        Assert.Equal(3, failed.StructuredContent!.Value.GetProperty("exitCode").GetInt32());
        Assert.Equal("invalid configuration", failed.StructuredContent.Value.GetProperty("meaning").GetString());
        Assert.Equal("ksail.yaml:5:19: error: spec.cluster.distribution is 'Nope'", failed.StructuredContent.Value.GetProperty("errors")[0].GetString());
        foreach (var (code, meaning) in new[] { (2, "usage error"), (4, "Docker unavailable"), (5, "provisioning failed"), (6, "readiness timed out"), (130, "cancelled") })
        {
            Assert.Equal(meaning, McpCallResults.Meaning(code));
        }
    }

    // The arguments of a call as a client sends them; C# names in camelCase become kebab-case (ifExists -> if-exists).
    private static Dictionary<string, JsonElement> Arguments(object value) =>
        JsonSerializer.SerializeToElement(value, KebabCase)
            .EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
}
