namespace KSail.Build.Tasks.Tests;

/// <summary>
/// KSail.Build.Tasks.Xunit depends on the lowest xunit.v3.extensibility.core and KubernetesClient it
/// works with, so a test project on older ones than this repository's adds it without a downgrade,
/// and on the newest ones the fixtures (built against the lowest) still bind. No cluster and no
/// Docker: the throw-away project references only the companion package, not KSail.Build.Tasks.
/// </summary>
public sealed class XunitCompanionPackageTests(PackageFeed feed)
{
    // The throw-away project's own tests: every type and member the fixtures' assembly uses resolves
    // against the project's xunit.v3 and KubernetesClient (a signature changed between their versions
    // would be a MissingMethodException), and the fixtures run up to where they need a cluster.
    private const string FixtureChecks = """
        using System.Reflection.Metadata;
        using System.Reflection.Metadata.Ecma335;
        using System.Reflection.PortableExecutable;
        using KSail.Xunit;
        using Xunit;

        public class FixtureTests
        {
            [Fact]
            public void Every_type_and_member_the_fixtures_use_is_in_this_projects_xunit_and_KubernetesClient()
            {
                var fixtures = typeof(KSailCluster).Assembly;
                using var pe = new PEReader(File.OpenRead(fixtures.Location));
                var metadata = pe.GetMetadataReader();
                var missing = new List<string>();
                var tokens = metadata.TypeReferences.Select(h => MetadataTokens.GetToken(h)).Concat(metadata.MemberReferences.Select(h => MetadataTokens.GetToken(h)));
                foreach (var token in tokens)
                {
                    try
                    {
                        fixtures.ManifestModule.ResolveMember(token);
                    }
                    catch (ArgumentException e) when (e.InnerException is BadImageFormatException)
                    {
                        // A generic method's own type parameters in the signature (the async builders'): no context to resolve it in.
                    }
                    catch (Exception e) when (e is TypeLoadException or MissingMemberException or FileNotFoundException or FileLoadException)
                    {
                        missing.Add(e.Message);
                    }
                }

                Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
                Assert.True(metadata.MemberReferences.Count > 50, $"only {metadata.MemberReferences.Count} member references");
            }

            [Fact]
            public async Task The_cluster_fixture_without_a_cluster_says_so()
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new KSailCluster().InitializeAsync().AsTask());
                Assert.Contains("no cluster", e.Message, StringComparison.Ordinal);
            }

            [Fact]
            public async Task The_namespace_fixture_is_named_after_the_test_class_then_needs_the_cluster()
            {
                var ns = new KSailNamespace(new KSailCluster());
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ns.InitializeAsync().AsTask());
                Assert.Contains("not initialised", e.Message, StringComparison.Ordinal);
                Assert.StartsWith("fixturetests-", ns.Name, StringComparison.Ordinal);
            }
        }
        """;

    [Theory]
    [InlineData("3.2.2", "19.0.2")]
    [InlineData("4.0.3", "21.0.8")]
    public async Task The_fixtures_restore_build_and_bind_on_the_test_projects_own_xunit_v3_and_KubernetesClient(string xunit, string kubernetesClient)
    {
        using var project = ThrowAwayTestProject.CreateWithoutCluster(
            feed,
            references: $"""
                <PackageReference Include="xunit.v3" Version="{xunit}" />
                <PackageReference Include="KubernetesClient" Version="{kubernetesClient}" />
                """,
            testCode: FixtureChecks);

        var restore = await project.DotnetAsync("restore", "Inner.Tests/Inner.Tests.csproj");
        Assert.True(restore.ExitCode == 0, restore.Output);
        // NU1605: a package downgrade (an error); NU1608: a dependency's exact pin overruled, as a
        // companion needing a newer xunit.v3.extensibility.core than xunit.v3.core pins would cause.
        Assert.DoesNotContain("NU1605", restore.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NU1608", restore.Output, StringComparison.Ordinal);
        var resolved = project.ResolvedPackages();
        Assert.Equal(feed.Version, resolved["KSail.Build.Tasks.Xunit"]);
        Assert.Equal(xunit, resolved["xunit.v3"]);
        Assert.Equal(xunit, resolved["xunit.v3.extensibility.core"]);
        Assert.Equal(kubernetesClient, resolved["KubernetesClient"]);

        var build = await project.DotnetAsync("build", "Inner.Tests/Inner.Tests.csproj", "--no-restore", "-tl:off", "-nologo");
        Assert.True(build.ExitCode == 0, build.Output);

        // The test app runs itself (xUnit v3's in-process runner): no dotnet test, so neither of its modes matters.
        var run = await project.DotnetAsync(Path.Combine("Inner.Tests", "bin", "Debug", "net10.0", "Inner.Tests.dll"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Total: 3, Errors: 0, Failed: 0", run.Output, StringComparison.Ordinal);
    }
}
