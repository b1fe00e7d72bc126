using KSail.Core.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

public sealed class BadDeclarationTests
{
    public static TheoryData<string> Names => new(BadDeclarations.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_bad_declaration_is_refused_naming_file_line_column_and_what_to_do(string name)
    {
        // Given
        var bad = BadDeclarations.All.Single(b => b.Name == name);
        using var dir = new ScratchDirectory();
        var config = bad.WriteTo(dir);

        // When
        var ex = Declarations.Refuse(config);

        // Then
        var expectedFile = Path.Combine(dir.Path, bad.File);
        var matching = ex.Errors().Where(e => e.Message.Contains(bad.Message, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count > 0, $"no error says '{bad.Message}'; got:{Environment.NewLine}{ex.Message}");
        Assert.Contains(matching, e => e.Location == new SourceLocation(expectedFile, bad.Line, bad.Column));
    }

    [Fact]
    public void There_are_at_least_thirty_distinct_bad_declarations()
    {
        Assert.True(BadDeclarations.All.Count >= 30);
        Assert.Equal(BadDeclarations.All.Count, BadDeclarations.All.Select(b => b.Name).Distinct().Count());
        Assert.Equal(BadDeclarations.All.Count, BadDeclarations.All.Select(b => (b.KSailYaml, b.NativeYaml)).Distinct().Count());
    }

    [Fact]
    public void All_problems_of_a_file_are_reported_together()
    {
        // Given: three independent mistakes
        using var dir = new ScratchDirectory();
        var config = dir.Write("ksail.yaml", """
            apiVersion: ksail.io/v1alpha1
            kind: Cluster
            spec:
              cluster:
                distrbution: Vanilla
                workers: many
                cni: Flannel
            """);

        // When
        var ex = Declarations.Refuse(config);

        // Then
        Assert.Equal(3, ex.Errors().Count);
        Assert.Equal([5, 6, 7], ex.Errors().Select(e => e.Location.Line));
        Assert.Contains("3 errors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_names_the_path_and_the_way_out()
    {
        using var dir = new ScratchDirectory();
        var ex = Declarations.Refuse(Path.Combine(dir.Path, "nope.yaml"));
        Assert.Contains("ksail project init", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nope.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_from_the_environment_names_the_variable()
    {
        using var dir = new ScratchDirectory();
        var config = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n");

        var ex = Declarations.Refuse(config, new Dictionary<string, string?> { ["KSAIL_SPEC_CLUSTER_WORKERS"] = "lots" });

        var error = Assert.Single(ex.Errors());
        Assert.Equal(SourceLocation.FromEnvironment("KSAIL_SPEC_CLUSTER_WORKERS"), error.Location);
        Assert.Contains("must be a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_from_an_argument_names_the_argument()
    {
        using var dir = new ScratchDirectory();
        var config = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n");

        var ex = Declarations.Refuse(config, overrides: [ConfigOverride.FromArgument("spec.cluster.distribution", "Kind", "--distribution")]);

        var error = Assert.Single(ex.Errors());
        Assert.Equal("argument --distribution", error.Location.ToString());
    }
}
