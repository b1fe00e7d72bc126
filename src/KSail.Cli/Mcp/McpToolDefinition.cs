using ModelContextProtocol.Protocol;

namespace KSail.Cli.Mcp;

/// <summary>A tool generated from the command tree: what <c>tools/list</c> shows, and the commands it runs.</summary>
/// <param name="Tool">The tool as listed: name, title, description, input schema, annotations.</param>
/// <param name="Permission">Read or write.</param>
/// <param name="Grouped">A group's read or write tool, whose <c>command</c> parameter picks the subcommand; false for a single command (<c>version</c>).</param>
/// <param name="Subcommands">The commands it runs by key (one, under the tool's name, when not grouped).</param>
internal sealed record McpToolDefinition(Tool Tool, ToolPermission Permission, bool Grouped, IReadOnlyDictionary<string, McpSubcommand> Subcommands)
{
    /// <summary>The tool's name (<c>cluster_read</c>).</summary>
    public string Name => Tool.Name;
}
