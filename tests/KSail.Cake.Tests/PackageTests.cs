using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using KSail.Testing;

namespace KSail.Cake.Tests;

/// <summary>The packed addin follows Cake's conventions, and the README shows the example the tests run.</summary>
public sealed class PackageTests(AddinFeed feed)
{
    [Fact]
    public void The_package_is_a_cake_addin_for_Cake_7_without_Cake_as_a_dependency()
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"KSail.Cake.{feed.Version}.nupkg"));
        var nuspec = XDocument.Load(package.GetEntry("KSail.Cake.nuspec")!.Open());
        var ns = nuspec.Root!.Name.Namespace;
        var tags = nuspec.Descendants(ns + "tags").Single().Value.Split(' ');
        var dependencies = nuspec.Descendants(ns + "dependency").Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")!.Value}").ToList();
        var files = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("cake-addin", tags);
        Assert.Equal([$"KSail.Core {feed.Version}"], dependencies);
        Assert.Contains("lib/net10.0/KSail.Cake.dll", files);
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("Cake.", StringComparison.OrdinalIgnoreCase));

        // Cake refuses or warns about addins built against an older Cake.Core.
        using var dll = new MemoryStream();
        using (var entry = package.GetEntry("lib/net10.0/KSail.Cake.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h)).ToDictionary(r => metadata.GetString(r.Name), r => r.Version, StringComparer.Ordinal);
        Assert.Equal(new Version(7, 0, 0, 0), references["Cake.Core"]);
    }

    [Fact]
    public void The_README_shows_the_example_build_cake_the_tests_run()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme.SkipWhile(l => l != "## Cake (KSail.Cake)").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var shown = section.SkipWhile(l => l != "```csharp").Skip(1).TakeWhile(l => l != "```")
            .Select(l => l.Trim()).Where(l => l.Length > 0 && l != "...").ToList();
        var example = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", "cake", "build.cake")).Select(l => l.Trim()).ToList();

        Assert.NotEmpty(shown);
        // Every line the README shows is in the example, in the same order (the README leaves some out).
        var at = 0;
        foreach (var line in shown)
        {
            var found = example.IndexOf(line, at);
            Assert.True(found >= 0, $"README line not in examples/cake/build.cake (in this order): {line}");
            at = found + 1;
        }
    }
}
