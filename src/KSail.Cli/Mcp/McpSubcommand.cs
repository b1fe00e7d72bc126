using System.CommandLine;

namespace KSail.Cli.Mcp;

/// <summary>One command a tool runs: a value of its <c>command</c> parameter, or the command of a single-command tool.</summary>
/// <param name="Key">The value of <c>command</c>: the path below the tool's group joined with <c>_</c> (<c>create</c>, <c>a_b</c>).</param>
/// <param name="Path">The words after <c>ksail</c> that name it (<c>cluster create</c>).</param>
/// <param name="Command">The command.</param>
/// <param name="Options">Its options as tool input (no --help, --quiet, --verbose, nor the --output text|json switch).</param>
/// <param name="JsonOutput">Its <c>--output text|json</c> option, which the server sets to json; null when it has none.</param>
/// <param name="Destructive">It deletes or replaces something (annotated so, or named delete or update).</param>
/// <param name="Idempotent">Annotated idempotent.</param>
internal sealed record McpSubcommand(
    string Key,
    IReadOnlyList<string> Path,
    Command Command,
    IReadOnlyList<McpToolOption> Options,
    Option? JsonOutput,
    bool Destructive,
    bool Idempotent)
{
    /// <summary>It takes positional arguments (the tool's <c>args</c>).</summary>
    public bool AcceptsArgs => Command.Arguments.Count > 0;
}
