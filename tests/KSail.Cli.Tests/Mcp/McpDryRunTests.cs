namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// A successful call's result: the command's <c>--output json</c> document as structured content, its
/// text as the first text, and the warnings it printed as a second text (here <c>cluster_write create</c>
/// with <c>dry-run</c>, which needs no Docker).
/// </summary>
public sealed class McpDryRunTests(McpServerFixture fixture) : IClassFixture<McpServerFixture>
{
    [Fact]
    public async Task A_dry_run_returns_the_plan_as_structured_content_and_the_declaration_s_warnings_as_text()
    {
        // Given: a declaration with a field that has no effect (a warning, not an error)
        var folder = Path.Combine(fixture.Directory.Path, "dry");
        Directory.CreateDirectory(folder);
        var ksailYaml = Path.Combine(folder, "ksail.yaml");
        File.WriteAllText(ksailYaml, "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: planned\nspec:\n  editor: vim\n");

        // When
        var result = await fixture.Server.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "create", ["config"] = ksailYaml, ["dry-run"] = true });

        // Then: the plan 'cluster create --dry-run --output json' prints, and the warning with its place
        Assert.True(result.IsError != true, fixture.Server.Describe(result));
        var plan = result.StructuredContent!.Value;
        Assert.Equal("planned", plan.GetProperty("name").GetString());
        Assert.Equal("kind-planned", plan.GetProperty("context").GetString());
        Assert.Equal(["planned-control-plane"], plan.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        var texts = result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text).ToList();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith($"{ksailYaml}:6:11: warning: spec.editor has no effect", texts[1], StringComparison.Ordinal);
    }
}
