using System.Text.RegularExpressions;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions;

/// <summary>
/// A distribution is a folder: no source file outside <c>src/KSail.Core/Distributions/&lt;Name&gt;/</c>
/// names a distribution's enum value, its tool's labels, context prefix or node paths (the
/// <c>Distribution</c> enum and the ksail.yaml model under <c>Configuration/Model/</c> excepted), so
/// adding a distribution never means finding branch points elsewhere.
/// </summary>
public sealed partial class DistributionSeamTests
{
    [Fact]
    public void No_source_file_outside_a_distribution_folder_names_a_distribution_s_tool()
    {
        var src = Path.Combine(RepositoryPaths.Root, "src");
        var distributions = Path.Combine(src, "KSail.Core", "Distributions");
        var model = Path.Combine(src, "KSail.Core", "Configuration", "Model");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);

        var found = (
            from file in files
            where !(file.StartsWith(distributions + Path.DirectorySeparatorChar, StringComparison.Ordinal) && Path.GetDirectoryName(file) != distributions)
            where !file.StartsWith(model + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            where ToolSpecific().IsMatch(line.text)
            select $"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{line.number}: {line.text.Trim()}").ToList();

        Assert.True(found.Count == 0, "distribution knowledge outside its folder:\n" + string.Join('\n', found));
    }

    [Theory]
    [InlineData("var k3s = desired.Distribution == Distribution.K3s;")]
    [InlineData("labels[\"io.x-k8s.kind.cluster\"] = name;")]
    [InlineData("[\"k3d.cluster\"] = name,")]
    [InlineData("return $\"kind-{cluster}\";")]
    [InlineData("/// <summary>The context, e.g. <c>k3d-dev</c>.</summary>")]
    [InlineData("/// <summary>The context (<c>kind-&lt;name&gt;</c>).</summary>")]
    [InlineData("const string Path = \"/etc/rancher/k3s/k3s.yaml\";")]
    public void The_scan_recognises_distribution_knowledge(string line) => Assert.Matches(ToolSpecific(), line);

    [Theory]
    [InlineData("declared, throw-away Kubernetes clusters (kind- and k3d-compatible)")]
    [InlineData("the native config file (kind.yaml, k3d.yaml)")]
    [InlineData("[\"kind\"] = \"Namespace\",")]
    public void The_scan_lets_prose_and_manifest_kinds_through(string line) => Assert.DoesNotMatch(ToolSpecific(), line);

    // The enum values, kind's and k3d's labels, their context prefixes (in code and in doc examples) and their node paths.
    [GeneratedRegex("""\bDistribution\.(Vanilla|K3s)\b|io\.x-k8s\.kind|\bk3d\.(cluster|role)\b|["{>](kind|k3d)-(\{|&lt;|[a-z0-9])|/etc/rancher/k3s|/etc/kubernetes/admin\.conf""")]
    private static partial Regex ToolSpecific();
}
