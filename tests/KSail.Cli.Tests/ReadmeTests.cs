using System.Diagnostics;
using System.Text.RegularExpressions;
using KSail.Testing;

namespace KSail.Cli.Tests;

/// <summary>
/// README's command blocks as a newcomer copies them: the five-minute walkthrough runs verbatim in
/// bash, in a copy of the repository's files (as a clean clone has them), with a HOME of its own
/// (so <c>dotnet tool install --global</c> installs there) and the run's NuGet package folder
/// (empty at the start of a CI run). The README section "What runs the commands in this README"
/// names, for every other block, what runs it or why nothing does; that list is checked here too.
/// </summary>
public sealed class ReadmeTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task The_walkthrough_runs_as_written_and_prints_what_its_comments_say()
    {
        var ct = TestContext.Current.CancellationToken;
        var block = Blocks().Single(b => b.Section == "A five-minute walkthrough" && b.Language == "sh").Text;
        var clone = await CopyOfTheRepositoryAsync(ct);
        var home = Directory.CreateDirectory(Path.Combine(dir.Path, "home")).FullName;
        var output = Path.Combine(dir.Path, "dev");
        // The walkthrough writes its project to /tmp/dev; here to a folder of this test, nothing else changed.
        var script = block.Replace("/tmp/dev", output, StringComparison.Ordinal);

        var start = Interruptible.StartInfo("bash", ["-c", script]);
        start.WorkingDirectory = clone;
        DotnetRun.UseCleanEnvironment(start, new Dictionary<string, string> { ["HOME"] = home });
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var printed = await stdout + await stderr;

        // The last command (the dry run of 'other') succeeds, after every step before it ran
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{printed}");
        Assert.True(File.Exists(Path.Combine(home, ".dotnet", "tools", "ksail")), $"dotnet tool install did not install ksail under HOME:\n{printed}");
        Assert.True(File.Exists(Path.Combine(output, "ksail.yaml")) && File.Exists(Path.Combine(output, "kind.yaml")), printed);

        // The outputs the block's comments show: the error of step 3 and its exit code 3, and the cluster names of step 4
        var expectedError = string.Join(' ', block.Split('\n').Where(l => l.StartsWith("#   ", StringComparison.Ordinal)).Select(l => l[4..].Trim()))
            .Replace("/tmp/dev", output, StringComparison.Ordinal);
        Assert.StartsWith($"{output}/ksail.yaml:6:19: error:", expectedError, StringComparison.Ordinal);
        Assert.Contains(expectedError, Regex.Replace(printed, @"\s+", " "), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^3$", printed);
        Assert.Contains("from-env", printed, StringComparison.Ordinal);
        Assert.Contains("other", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A five-minute walkthrough")]
    [InlineData("ksail.yaml")]
    [InlineData("Your images in the cluster")]
    public async Task The_ksail_yaml_examples_load_and_plan(string section)
    {
        // Where the walkthrough's project init left the reader: kind.yaml and the schema beside ksail.yaml.
        var init = await Ksail.RunAsync(dir.Path, "project", "init", "--name", "dev", "--output", dir.Path);
        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        foreach (var (_, _, line, text) in Blocks().Where(b => b.Section == section && b.Language == "yaml"))
        {
            // A fragment (only spec:) gets the two lines every ksail.yaml starts with.
            var yaml = text.Contains("apiVersion:", StringComparison.Ordinal) ? text : "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n" + text;
            dir.Write("ksail.yaml", yaml + "\n");

            var plan = await Ksail.RunAsync(dir.Path, "cluster", "create", "--dry-run");

            Assert.True(plan.ExitCode == 0, $"README.md line {line}: the ksail.yaml of \"{section}\" does not plan:\n{plan.Output}{plan.Error}");
            Assert.DoesNotContain("warning", plan.Error, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_command_block_of_the_README_is_named_in_the_list_of_what_runs_it()
    {
        var readme = Readme();
        var at = readme.IndexOf("\n## What runs the commands in this README\n", StringComparison.Ordinal);
        Assert.True(at >= 0, "README.md has no section 'What runs the commands in this README'");
        var list = readme[at..];
        var next = list.IndexOf("\n## ", 5, StringComparison.Ordinal);
        list = next < 0 ? list : list[..next];

        // Each block is named by the section it stands in; each runnable one by its first command too.
        foreach (var block in Blocks().Where(b => b.Language is "sh" or "csharp" or "yaml" or "xml" && b.Section != "What runs the commands in this README"))
        {
            Assert.True(list.Contains($"\"{block.Section}\"", StringComparison.Ordinal), $"the README's block in \"{block.Section}\" ({block.Language}, line {block.Line}) is not in the list of what runs it");
        }
    }

    private static string Readme() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");

    // README's fenced blocks with the '## ' section each stands in.
    private static List<(string Section, string Language, int Line, string Text)> Blocks()
    {
        var blocks = new List<(string, string, int, string)>();
        var lines = Readme().Split('\n');
        var section = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i][3..].Trim();
            }
            else if (lines[i].StartsWith("```", StringComparison.Ordinal) && lines[i].Length > 3)
            {
                var start = i;
                var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                blocks.Add((section, lines[i][3..].Trim(), start + 1, string.Join('\n', lines[(start + 1)..end])));
                i = end;
            }
        }

        return blocks;
    }

    // The repository's files as a clean clone has them (what git tracks, and new files it does not ignore), without build output.
    private async Task<string> CopyOfTheRepositoryAsync(CancellationToken ct)
    {
        var git = new ProcessStartInfo("git", ["-C", RepositoryPaths.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]) { RedirectStandardOutput = true };
        using var process = Process.Start(git)!;
        var files = (await process.StandardOutput.ReadToEndAsync(ct)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0 && files.Length > 0, "git ls-files failed in the repository");
        var clone = Path.Combine(dir.Path, "clone");
        foreach (var file in files.Where(f => File.Exists(Path.Combine(RepositoryPaths.Root, f))))
        {
            var target = Path.Combine(clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepositoryPaths.Root, file), target);
        }

        return clone;
    }
}
