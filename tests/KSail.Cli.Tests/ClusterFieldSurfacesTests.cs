using System.CommandLine;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KSail.Cli.Commands;
using KSail.ClusterFieldsGenerator;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Testing;

namespace KSail.Cli.Tests;

/// <summary>
/// The field table (<see cref="ClusterFields.All"/>) and the surfaces made from it: the CLI's field
/// options (read from the table), and Cake's and NUKE's settings and MSBuild's properties (generated
/// from it by build/cluster-fields.sh). A field of the table is on every surface, and a field added
/// to the table reaches every surface. No cluster needed.
/// </summary>
public sealed class ClusterFieldSurfacesTests
{
    private const string HowToUpdate = "Run build/cluster-fields.sh after changing the field table (src/KSail.Core/Configuration/ClusterFields.cs), and commit what it writes.";

    // A field the table does not have, as a contributor would add it.
    private static readonly ClusterField Added = new("NodeImage", "spec.cluster.nodeImage", "--node-image", "-i", ClusterFieldKind.Choice, "the node image", "The node image (A, B).") { Choices = typeof(TeardownPolicy) };

    [Fact]
    public void The_generated_files_are_what_the_field_table_gives()
    {
        foreach (var file in FieldSurfaces.Render(ClusterFields.All))
        {
            var path = Path.Combine(RepositoryPaths.Root, file.Path);
            Assert.True(File.Exists(path), $"{file.Path} is missing. {HowToUpdate}");
            Assert.True(file.Text == File.ReadAllText(path).ReplaceLineEndings("\n"), $"{file.Path} is not what the field table gives. {HowToUpdate}");
        }
    }

    [Fact]
    public void The_table_names_each_field_path_option_and_alias_once_and_every_path_is_a_scalar_of_ksail_yaml()
    {
        foreach (var select in new Func<ClusterField, string?>[] { f => f.Name, f => f.Path, f => f.Option, f => f.Alias, f => f.MSBuildProperty })
        {
            var values = ClusterFields.All.Select(select).OfType<string>().ToList();
            Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
        }

        foreach (var field in ClusterFields.All)
        {
            Assert.True(EnvironmentOverrides.Variables.Values.Contains(field.Path, StringComparer.Ordinal), $"{field.Path} is not a scalar field of ksail.yaml");
            Assert.Equal(field.Kind == ClusterFieldKind.Choice, field.Choices is { IsEnum: true });
        }
    }

    [Theory]
    [InlineData("ksail cluster create")]
    [InlineData("ksail cluster update")]
    public async Task Every_field_of_the_table_is_an_option_of_the_CLI(string command)
    {
        var help = await CommandTree.HelpAsync(command);
        var rows = CommandTree.Rows(help, "Options");

        foreach (var field in ClusterFields.All)
        {
            var names = field.Alias is null ? field.Option : $"{field.Alias}, {field.Option}";
            Assert.Contains(rows, r => r.Name.StartsWith(names + " ", StringComparison.Ordinal) && r.Description == field.Description);
        }
    }

    [Fact]
    public void Every_field_of_the_table_is_on_the_Cake_NUKE_and_MSBuild_surfaces()
    {
        var committed = FieldSurfaces.Render(ClusterFields.All)
            .ToDictionary(f => f.Path, f => File.ReadAllText(Path.Combine(RepositoryPaths.Root, f.Path)).ReplaceLineEndings("\n"), StringComparer.Ordinal);

        foreach (var field in ClusterFields.All)
        {
            AssertOnTheGeneratedSurfaces(field, committed);
        }
    }

    [Fact]
    public void A_field_added_to_a_copy_of_the_table_shows_on_the_CLI_MSBuild_Cake_and_NUKE_surfaces()
    {
        IReadOnlyList<ClusterField> table = [.. ClusterFields.All, Added];

        // CLI: an option of its own, which sets the field's path.
        var fields = ClusterCommands.CreateFieldOptions(table);
        var option = Assert.Single(fields, f => f.Path == Added.Path).Option;
        Assert.Equal("--node-image", option.Name);
        Assert.Equal(["-i"], option.Aliases);
        Assert.Equal(Added.Description, option.Description);
        var command = new Command("create");
        foreach (var (o, _) in fields)
        {
            command.Add(o);
        }

        var overrides = ClusterCommands.OverridesFrom(command.Parse(["-i", "Never", "--workers", "2"]), fields);
        Assert.Equal(["spec.cluster.workers=2 (argument --workers)", "spec.cluster.nodeImage=Never (argument --node-image)"], overrides.Select(o => $"{o.Path}={o.Value} ({o.Origin})"));

        // Cake, NUKE and MSBuild: the generated text has it, typed by its kind; the table without it does not.
        var generated = FieldSurfaces.Render(table).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        AssertOnTheGeneratedSurfaces(Added, generated);
        Assert.Contains("    public string? NodeImage { get; set; }\n", generated[FieldSurfaces.CakeSettings], StringComparison.Ordinal);
        Assert.Contains("public static KSailClusterSettings WithNodeImage(this KSailClusterSettings settings, string nodeImage)", generated[FieldSurfaces.CakeExtensions], StringComparison.Ordinal);
        Assert.Contains("    public TeardownPolicy? NodeImage { get; init; }\n", generated[FieldSurfaces.NukeSettings], StringComparison.Ordinal);
        Assert.Contains("public static KSailClusterSettings SetNodeImage(this KSailClusterSettings settings, TeardownPolicy value)", generated[FieldSurfaces.NukeExtensions], StringComparison.Ordinal);
        foreach (var file in FieldSurfaces.Render(ClusterFields.All))
        {
            Assert.DoesNotContain("NodeImage", file.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_kind_of_value_has_its_type_on_each_surface()
    {
        var kinds = Enum.GetValues<ClusterFieldKind>()
            .Select(k => new ClusterField($"F{k}", $"spec.cluster.f{k}", $"--f-{k.ToString().ToLowerInvariant()}", null, k, "a field", "A field.") { Choices = k == ClusterFieldKind.Choice ? typeof(Toggle) : null })
            .ToList();
        var generated = FieldSurfaces.Render(kinds).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);

        (ClusterFieldKind Kind, string Cake, string Nuke, string NukeSet)[] expected =
        [
            (ClusterFieldKind.Text, "string", "string", "string?"),
            (ClusterFieldKind.Number, "int", "int", "int"),
            (ClusterFieldKind.Choice, "string", "Toggle", "Toggle"),
            (ClusterFieldKind.File, "FilePath", "string", "string?"),
            (ClusterFieldKind.Duration, "TimeSpan", "string", "string?"),
        ];
        Assert.Equal(Enum.GetValues<ClusterFieldKind>(), expected.Select(e => e.Kind));
        foreach (var (kind, cake, nuke, nukeSet) in expected)
        {
            Assert.Contains($"    public {cake}? F{kind} {{ get; set; }}\n", generated[FieldSurfaces.CakeSettings], StringComparison.Ordinal);
            Assert.Contains($"With{"F" + kind}(this KSailClusterSettings settings, {cake} f{kind})", generated[FieldSurfaces.CakeExtensions], StringComparison.Ordinal);
            Assert.Contains($"    public {nuke}? F{kind} {{ get; init; }}\n", generated[FieldSurfaces.NukeSettings], StringComparison.Ordinal);
            Assert.Contains($"SetF{kind}(this KSailClusterSettings settings, {nukeSet} value)", generated[FieldSurfaces.NukeExtensions], StringComparison.Ordinal);
        }

        // A duration also takes a TimeSpan in NUKE; a file path is made absolute from the project directory in MSBuild.
        Assert.Contains("SetFDuration(this KSailClusterSettings settings, TimeSpan value)", generated[FieldSurfaces.NukeExtensions], StringComparison.Ordinal);
        Assert.Contains("<KSailFFile Condition=\"'$(KSailFFile)' != ''\">$([System.IO.Path]::GetFullPath('$(KSailFFile)', '$(MSBuildProjectDirectory)'))</KSailFFile>", generated[FieldSurfaces.MSBuildTargets], StringComparison.Ordinal);
    }

    // The field on each generated surface: Cake's property, its With… helper and its place in the
    // mapping; NUKE's property, Set…/Reset… and its place in the mapping; MSBuild's KSail<Field>
    // property, passed as the ksail option (cluster create) and as a session setting.
    private static void AssertOnTheGeneratedSurfaces(ClusterField field, Dictionary<string, string> files)
    {
        void Has(string file, string pattern) =>
            Assert.True(Regex.IsMatch(files[file], pattern), $"{file} has no match for {pattern}, for {field.Name} ({field.Path}). {HowToUpdate}");

        var name = Regex.Escape(field.Name);
        var path = Regex.Escape(field.Path);
        Has(FieldSurfaces.CakeSettings, $@"\n    public \w+\? {name} \{{ get; set; \}}\n");
        Has(FieldSurfaces.CakeSettings, $@"\n        \(""{path}"", nameof\({name}\), Yaml\({name}\)\),\n");
        Has(FieldSurfaces.CakeExtensions, $@"\n    public static KSailClusterSettings With{name}\(this KSailClusterSettings settings, \w+ \w+\) => Set\(settings, s => s\.{name} = \w+\);\n");
        Has(FieldSurfaces.NukeSettings, $@"\n    public \w+\? {name} \{{ get; init; \}}\n");
        Has(FieldSurfaces.NukeSettings, $@"\n        \(""{path}"", ""Set{name}"", {name}\),\n");
        Has(FieldSurfaces.NukeExtensions, $@"\n    public static KSailClusterSettings Set{name}\(this KSailClusterSettings settings, \w+\?? value\)\n");
        Has(FieldSurfaces.NukeExtensions, $@"\n    public static KSailClusterSettings Reset{name}\(this KSailClusterSettings settings\)\n");

        var targets = XDocument.Parse(files[FieldSurfaces.MSBuildTargets]);
        var items = targets.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "_KSailFields").Descendants("ItemGroup").Elements().ToList();
        var property = $"$({field.MSBuildProperty})";
        var condition = $"'{property}' != ''";
        Assert.Contains(items, i => i.Name == "_KSailFieldArgument" && (string?)i.Attribute("Include") == $"{field.Option};{property}" && (string?)i.Attribute("Condition") == condition);
        Assert.Contains(items, i => i.Name == "_KSailSetting" && (string?)i.Attribute("Include") == $"{field.Option}={property}" && (string?)i.Attribute("Condition") == condition);
    }
}
