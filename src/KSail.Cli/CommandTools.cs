using System.CommandLine;
using System.Runtime.CompilerServices;

namespace KSail.Cli;

/// <summary>
/// The annotations that shape the tools <c>ksail open mcp</c> generates from the command tree (KSail's
/// <c>ai.toolgen.*</c> command annotations), set where a command is created:
/// <c>new Command("list", ...).Annotate(ToolPermission.Read)</c>. A command without one is a write
/// tool's subcommand, or inherits its parent's permission, so a new command needs no MCP code to appear.
/// </summary>
internal static class CommandTools
{
    private static readonly ConditionalWeakTable<Command, CommandToolTraits> Traits = [];

    /// <summary>Marks <paramref name="command"/> (and, unless they say otherwise, its subcommands) read or write.</summary>
    public static T Annotate<T>(this T command, ToolPermission permission, bool destructive = false, bool idempotent = false)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        Traits.AddOrUpdate(command, new CommandToolTraits(permission, destructive, idempotent, Excluded: false));
        return command;
    }

    /// <summary>Leaves <paramref name="command"/> and its subcommands out of the tools.</summary>
    public static T ExcludeFromTools<T>(this T command)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        Traits.AddOrUpdate(command, new CommandToolTraits(null, Destructive: false, Idempotent: false, Excluded: true));
        return command;
    }

    /// <summary>The annotation of <paramref name="command"/>; null when it has none.</summary>
    public static CommandToolTraits? TraitsOf(Command command) => Traits.TryGetValue(command, out var traits) ? traits : null;
}
