using System.Text.RegularExpressions;
using KSail.Testing;

namespace KSail.Core.Tests;

/// <summary>
/// The scripts under <c>build/</c> (the demo reads the default node images from the native config
/// models) name source files by path: a file that moves must take its scripts along.
/// </summary>
public sealed partial class BuildScriptPathsTests
{
    [Fact]
    public void Every_source_file_a_build_script_names_exists()
    {
        var scripts = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "build"), "*.sh");
        Assert.NotEmpty(scripts);

        var named = scripts.SelectMany(script => SourcePath().Matches(File.ReadAllText(script)).Select(m => (Script: Path.GetFileName(script), File: m.Value))).ToList();
        Assert.Contains(named, n => n.Script == "demo.sh");

        var missing = named.Where(n => !File.Exists(Path.Combine(RepositoryPaths.Root, n.File))).Select(n => $"{n.Script}: {n.File}").ToList();
        Assert.True(missing.Count == 0, "build scripts name files that do not exist:\n" + string.Join('\n', missing));
    }

    [GeneratedRegex(@"\bsrc/[A-Za-z0-9_./-]+\.cs\b")]
    private static partial Regex SourcePath();
}
