using KSail.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// The resources a client reads to write a valid declaration: the JSON Schema of ksail.yaml, and the
/// ksail.yaml nearest the server's working directory (at or above it, as the commands find it).
/// </summary>
public sealed class McpResourceTests : IAsyncLifetime
{
    private const string SchemaUri = "ksail://schema/ksail.yaml";
    private const string ConfigUri = "ksail://config/ksail.yaml";

    private readonly ScratchDirectory dir = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Both_resources_are_listed_and_the_schema_is_the_project_s()
    {
        await using var server = await McpServerProcess.StartAsync(dir.Path);
        var ct = TestContext.Current.CancellationToken;

        var listed = await server.Client.ListResourcesAsync(cancellationToken: ct);
        var schema = await server.Client.ReadResourceAsync(SchemaUri, cancellationToken: ct);

        Assert.Contains(listed, r => r.Uri == SchemaUri && r.MimeType == "application/schema+json");
        Assert.Contains(listed, r => r.Uri == ConfigUri && r.MimeType == "text/yaml");
        var contents = Assert.IsType<TextResourceContents>(Assert.Single(schema.Contents));
        Assert.Equal("application/schema+json", contents.MimeType);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "ksail.schema.json")).Trim(), contents.Text.Trim());
    }

    [Fact]
    public async Task The_config_is_the_nearest_ksail_yaml_at_or_above_the_server_s_directory()
    {
        // Given: ksail.yaml one level above the server's working directory
        var declaration = "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: from-above\n";
        dir.Write("ksail.yaml", declaration);
        var below = Directory.CreateDirectory(Path.Combine(dir.Path, "src", "app")).FullName;
        await using var server = await McpServerProcess.StartAsync(below);

        var config = await server.Client.ReadResourceAsync(ConfigUri, cancellationToken: TestContext.Current.CancellationToken);

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(config.Contents));
        Assert.Equal("text/yaml", contents.MimeType);
        Assert.Equal(declaration, contents.Text);
    }

    [Fact]
    public async Task Without_a_ksail_yaml_the_config_resource_is_not_found()
    {
        // The scratch directory lies under the temp directory, with no ksail.yaml above it
        await using var server = await McpServerProcess.StartAsync(dir.Path);

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await server.Client.ReadResourceAsync(ConfigUri, cancellationToken: TestContext.Current.CancellationToken));

        // -32002 (resource not found) or, from the 2026 protocol on, -32602: the SDK picks by the version agreed
        Assert.Contains(error.ErrorCode, new[] { McpErrorCode.ResourceNotFound, McpErrorCode.InvalidParams });
        Assert.Contains("ksail.yaml", error.Message, StringComparison.Ordinal);
    }
}
