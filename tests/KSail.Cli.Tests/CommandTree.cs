using System.CommandLine;
using System.Text.RegularExpressions;

namespace KSail.Cli.Tests;

/// <summary>
/// Every visible ksail command, found as a user finds them: the root's help lists its commands,
/// each command's help lists its subcommands. Hidden commands (<c>__reap</c>, <c>__session</c>) are
/// not listed by help, so they are not here.
/// </summary>
internal static partial class CommandTree
{
    private static readonly Lazy<IReadOnlyList<string>> Walked = new(Walk);

    /// <summary>The visible commands as typed, root first: <c>ksail</c>, <c>ksail cluster</c>, <c>ksail cluster create</c>, …</summary>
    public static IReadOnlyList<string> Commands => Walked.Value;

    /// <summary>The commands with subcommands of their own (they only answer help and usage errors).</summary>
    public static IReadOnlyList<string> Groups => Commands.Where(c => Commands.Any(other => other.StartsWith(c + " ", StringComparison.Ordinal))).ToList();

    /// <summary>The arguments after <c>ksail</c> that name <paramref name="command"/>.</summary>
    public static string[] Arguments(string command) => command.Split(' ').Skip(1).ToArray();

    /// <summary>
    /// The help of <paramref name="command"/> as the ksail program prints it, run in this process with
    /// a plain console. The program's name is the test host's in this process (System.CommandLine
    /// takes it from the entry assembly), so it is put back to <c>ksail</c>.
    /// </summary>
    public static async Task<string> HelpAsync(string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = CliContext.Plain(output, error, Path.GetTempPath(), new Dictionary<string, string?>());
        var code = await KSailCli.RunAsync([.. Arguments(command), "--help"], context, CancellationToken.None).ConfigureAwait(false);
        if (code != 0 || error.ToString().Length > 0)
        {
            throw new InvalidOperationException($"'{command} --help' exited {code}: {error}");
        }

        var text = output.ToString().ReplaceLineEndings("\n");
        return RootCommand.ExecutableName == "ksail" ? text : text.Replace($"\n  {RootCommand.ExecutableName} ", "\n  ksail ", StringComparison.Ordinal);
    }

    /// <summary>The rows of one section of a help text (<c>Options:</c>, <c>Commands:</c>, <c>Arguments:</c>): the first column and its description (empty when there is none).</summary>
    public static IReadOnlyList<(string Name, string Description, string Line)> Rows(string help, string section)
    {
        var rows = new List<(string, string, string)>();
        var lines = help.Split('\n');
        var start = Array.IndexOf(lines, section + ":");
        if (start < 0)
        {
            return rows;
        }

        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.Trim().Length > 0))
        {
            var row = RowPattern().Match(line);
            rows.Add(row.Success ? (row.Groups["name"].Value, row.Groups["description"].Value, line) : (line.Trim(), string.Empty, line));
        }

        return rows;
    }

    /// <summary>The file name of a command's help snapshot: <c>ksail-cluster-create.txt</c>.</summary>
    public static string SnapshotName(string command) => command.Replace(' ', '-') + ".txt";

    private static List<string> Walk()
    {
        var found = new List<string>();
        var queue = new Queue<string>(["ksail"]);
        while (queue.TryDequeue(out var command))
        {
            found.Add(command);
            // Found while tests are discovered, where nothing waits on this thread.
            foreach (var (name, _, _) in Rows(HelpAsync(command).GetAwaiter().GetResult(), "Commands"))
            {
                // "completion <bash|pwsh|zsh>": the command's name is the first word.
                queue.Enqueue($"{command} {name.Split(' ')[0]}");
            }
        }

        return found;
    }

    // Two spaces, the first column (words separated by single spaces), at least two spaces, the description.
    [GeneratedRegex(@"^  (?<name>\S+(?: \S+)*)(?: {2,}(?<description>\S.*))?$")]
    private static partial Regex RowPattern();
}
