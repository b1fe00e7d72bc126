using System.Reflection;
using System.Runtime.InteropServices;
using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests;

/// <summary>
/// The help of every visible command, compared with a checked-in snapshot (Snapshots/ksail-*.txt),
/// and every command and option described. After a deliberate change of help, accept it with
/// <c>KSAIL_UPDATE_SNAPSHOTS=1</c> (the snapshots are rewritten in the source tree) and review the diff.
/// </summary>
public sealed class HelpSnapshotTests
{
    private const string UpdateVariable = "KSAIL_UPDATE_SNAPSHOTS";

    private static readonly string HowToUpdate =
        $"If the change is intended, accept it: cd tests/KSail.Cli.Tests && {UpdateVariable}=1 dotnet run -- -class '*HelpSnapshot*' (then review 'git diff tests/KSail.Cli.Tests/Snapshots').";

    private static string SnapshotDirectory => Path.Combine(RepositoryPaths.Root, "tests", "KSail.Cli.Tests", "Snapshots");

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static TheoryData<string> Commands => new(CommandTree.Commands);

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_matches_its_snapshot(string command)
    {
        var help = await CommandTree.HelpAsync(command);
        var file = Path.Combine(SnapshotDirectory, CommandTree.SnapshotName(command));

        // Nothing of this machine or this build: no paths, no versions.
        var version = typeof(KSailCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        foreach (var specific in new[] { RepositoryPaths.Root, Path.GetTempPath().TrimEnd('/'), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), version, RuntimeInformation.FrameworkDescription, RuntimeInformation.RuntimeIdentifier })
        {
            Assert.False(help.Contains(specific, StringComparison.Ordinal), $"the help of '{command}' contains '{specific}', which differs between machines or builds:\n{help}");
        }

        if (Updating)
        {
            Directory.CreateDirectory(SnapshotDirectory);
            File.WriteAllText(file, help);
            return;
        }

        Assert.True(File.Exists(file), $"'{command}' has no help snapshot ({file}). {HowToUpdate}");
        var expected = File.ReadAllText(file).ReplaceLineEndings("\n");
        if (expected != help)
        {
            Assert.Fail($"The help of '{command}' differs from {Path.GetRelativePath(RepositoryPaths.Root, file)}:\n{FirstDifference(expected, help)}\n{HowToUpdate}");
        }
    }

    [Fact]
    public void The_snapshots_are_exactly_the_visible_commands()
    {
        var expected = CommandTree.Commands.Select(CommandTree.SnapshotName).Order(StringComparer.Ordinal).ToList();
        var files = Directory.Exists(SnapshotDirectory)
            ? Directory.GetFiles(SnapshotDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];

        var stale = files.Except(expected, StringComparer.Ordinal).ToList();
        if (Updating)
        {
            foreach (var name in stale)
            {
                File.Delete(Path.Combine(SnapshotDirectory, name!));
            }

            return;
        }

        var missing = expected.Except(files, StringComparer.Ordinal).ToList();
        Assert.True(
            missing.Count == 0 && stale.Count == 0,
            $"Snapshots without a command: {string.Join(", ", stale.DefaultIfEmpty("none"))}; commands without a snapshot: {string.Join(", ", missing.DefaultIfEmpty("none"))}. {HowToUpdate}");
    }

    [Fact]
    public void The_walk_finds_the_commands_and_not_the_hidden_ones()
    {
        // A floor, so a broken walk cannot pass the snapshot tests by finding nothing.
        foreach (var command in new[] { "ksail", "ksail project init", "ksail cluster create", "ksail cluster update", "ksail cluster diagnose", "ksail version", "ksail completion", "ksail test" })
        {
            Assert.Contains(command, CommandTree.Commands);
        }

        Assert.DoesNotContain(CommandTree.Commands, c => c.Contains("__", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_option_and_argument_has_a_description(string command)
    {
        var help = await CommandTree.HelpAsync(command);

        Assert.True(help.StartsWith("Description:\n  ", StringComparison.Ordinal), $"'{command}' has no description:\n{help}");
        foreach (var section in new[] { "Arguments", "Options", "Commands" })
        {
            foreach (var (name, description, line) in CommandTree.Rows(help, section))
            {
                Assert.False(line.StartsWith("   ", StringComparison.Ordinal), $"the help of '{command}' is wrapped (System.CommandLine wraps at Console.WindowWidth when this process's output is a terminal):\n{help}");
                Assert.True(description.Length > 0, $"'{name}' in the {section} of '{command}' has no description:\n{help}");
            }
        }
    }

    [Fact]
    public async Task The_real_program_prints_the_same_help()
    {
        using var dir = new ScratchDirectory();
        foreach (var command in new[] { "ksail", "ksail cluster create" })
        {
            var run = await Ksail.RunProcessAsync(dir.Path, [.. CommandTree.Arguments(command), "--help"]);

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.Equal(await CommandTree.HelpAsync(command), run.Output.ReplaceLineEndings("\n"));
        }
    }

    // The first line that differs, with its number, as the snapshot has it and as the help has it now.
    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "(end of snapshot)";
            var g = i < got.Length ? got[i] : "(end of help)";
            if (w != g)
            {
                return $"first difference at line {i + 1}:\n  snapshot: {w}\n  help now: {g}";
            }
        }

        return "they differ only in line endings";
    }
}
