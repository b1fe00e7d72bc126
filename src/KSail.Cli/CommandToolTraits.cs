namespace KSail.Cli;

/// <summary>How a command appears as a tool of <c>ksail open mcp</c>, as set where the command is created.</summary>
/// <param name="Permission">Read or write; null inherits the parent's (write at the top).</param>
/// <param name="Destructive">It deletes or replaces something (the tool gets <c>destructiveHint</c>).</param>
/// <param name="Idempotent">Running it again with the same input changes nothing more (e.g. create with <c>--if-exists reuse</c>).</param>
/// <param name="Excluded">Never a tool, nor its subcommands (the MCP server itself, interactive commands).</param>
internal sealed record CommandToolTraits(ToolPermission? Permission, bool Destructive, bool Idempotent, bool Excluded);
