using System.CommandLine;
using KSail.Cli.Mcp;

namespace KSail.Cli.Commands;

/// <summary>
/// <c>ksail open</c>: KSail.NET's interfaces for other programs (KSail's <c>open</c> group,
/// pkg/cli/cmd/open). <c>open mcp</c> serves the commands as Model Context Protocol tools on stdio;
/// <c>ksail mcp</c> is the same command, hidden (the name KSail had for it first).
/// </summary>
internal static class OpenCommands
{
    private const string McpDescription =
        "Serve ksail's commands as Model Context Protocol (MCP) tools for AI assistants, on standard input and output (for an MCP client to start; it speaks only the protocol there).";

    public static Command Create(CliContext context) =>
        new Command("open", "Open KSail.NET to other programs: the MCP server for AI assistants.") { Mcp(context, "mcp") }.ExcludeFromTools();

    /// <summary>The hidden top-level <c>ksail mcp</c>.</summary>
    public static Command McpAlias(CliContext context)
    {
        var alias = Mcp(context, "mcp");
        alias.Hidden = true;
        return alias;
    }

    private static Command Mcp(CliContext context, string name)
    {
        var command = new Command(name, McpDescription).ExcludeFromTools();
        command.SetAction(async (_, ct) =>
        {
            await KSailMcpServer.RunStdioAsync(context, KSailCli.BuildRoot, ct).ConfigureAwait(false);
            return KSail.Core.ExitCodes.Success;
        });
        return command;
    }
}
