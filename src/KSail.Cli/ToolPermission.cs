namespace KSail.Cli;

/// <summary>
/// What a command may do when an AI assistant runs it as a tool of <c>ksail open mcp</c> (KSail's
/// <c>ai.toolgen.permission</c> annotation): read tools only look, write tools change something.
/// </summary>
internal enum ToolPermission
{
    /// <summary>Changes clusters, files or registries (the default of a command without an annotation).</summary>
    Write,

    /// <summary>Only reads: the same call can be made again with no effect.</summary>
    Read,
}
