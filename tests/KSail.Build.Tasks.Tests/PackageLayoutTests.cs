using System.IO.Compression;
using System.Reflection.PortableExecutable;
using KSail.Testing;

namespace KSail.Build.Tasks.Tests;

/// <summary>The engine inside the packed KSail.Build.Tasks: portable, plus a ReadyToRun copy the targets run on linux-x64.</summary>
public sealed class PackageLayoutTests(PackageFeed feed) : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task The_package_has_a_portable_engine_and_a_ReadyToRun_one_which_the_targets_pick_on_linux_x64()
    {
        var ct = TestContext.Current.CancellationToken;
        var unpacked = Path.Combine(dir.Path, "package");
        await ZipFile.ExtractToDirectoryAsync(Path.Combine(feed.Folder, $"KSail.Build.Tasks.{feed.Version}.nupkg"), unpacked, ct);

        Assert.False(IsReadyToRun(Path.Combine(unpacked, "tools", "ksail", "ksail.dll")), "tools/ksail is the portable engine");
        Assert.True(IsReadyToRun(Path.Combine(unpacked, "tools", "ksail-linux-x64", "ksail.dll")), "tools/ksail-linux-x64 is precompiled");
        Assert.True(IsReadyToRun(Path.Combine(unpacked, "tools", "ksail-linux-x64", "KSail.Core.dll")), "its dependencies are precompiled too");

        // The shipped targets, evaluated by MSBuild on this machine (linux-x64, as CI runners are).
        var project = dir.Write("probe/probe.proj", $"""
            <Project>
              <Import Project="{Path.Combine(unpacked, "build", "KSail.Build.Tasks.targets")}" />
            </Project>
            """);
        var evaluated = await DotnetRun.RunAsync(dir.Path, ["msbuild", project, "-getProperty:KSailCliPath", "-nologo"], TimeSpan.FromMinutes(2), ct);
        Assert.True(evaluated.ExitCode == 0, evaluated.Output);
        Assert.Equal(Path.Combine(unpacked, "tools", "ksail-linux-x64", "ksail.dll"), evaluated.Output.Trim());
    }

    // A ReadyToRun image carries a managed native header (the READYTORUN_HEADER); an IL-only one does not.
    private static bool IsReadyToRun(string assembly)
    {
        using var reader = new PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
