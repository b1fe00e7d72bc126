using System.Collections;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Configuration.Yaml;
using KSail.Core.Distributions;
using KSail.Testing;
using YamlDotNet.Serialization;

namespace KSail.Core.Tests.Configuration;

/// <summary>
/// No field of ksail.yaml, kind.yaml or k3d.yaml is read and then ignored in silence: every
/// property of each model is acted on (or checked by the loader's rules), or has no effect and is
/// named in a warning when a file sets it.
/// </summary>
public sealed class FieldUseTests
{
    public static TheoryData<string> Files() => ["ksail.yaml", .. DistributionRegistry.All.Select(d => d.Config.DefaultFile)];

    private static (Type Model, FieldUse Use) Of(string file)
    {
        if (file == "ksail.yaml")
        {
            return (typeof(KSailClusterConfig), ClusterConfigLoader.Fields);
        }

        var format = DistributionRegistry.All.Single(d => d.Config.DefaultFile == file).Config;
        return (format.Defaults().GetType(), format.Fields);
    }

    /// <summary>Every field of a model, by path pattern: scalars, lists of scalars and maps are leaves; objects and lists of objects are walked.</summary>
    internal static IEnumerable<string> Leaves(Type type, string prefix = "")
    {
        foreach (var (name, property) in YamlModelReader.FieldsOf(type))
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var item = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;
            if (YamlModelReader.IsScalar(t) || typeof(IDictionary).IsAssignableFrom(t) || (item is not null && YamlModelReader.IsScalar(item)))
            {
                yield return path;
            }
            else if (item is not null)
            {
                foreach (var leaf in Leaves(item, path + "[]"))
                {
                    yield return leaf;
                }
            }
            else
            {
                foreach (var leaf in Leaves(t, path))
                {
                    yield return leaf;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_field_is_acted_on_or_warned_about(string file)
    {
        var (model, use) = Of(file);
        var neither = Leaves(model).Where(l => !use.Covers(l)).ToList();
        Assert.True(neither.Count == 0, $"fields of {file} neither acted on nor warned about:\n{string.Join('\n', neither)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_table_names_only_fields_that_exist_and_none_twice(string file)
    {
        var (model, use) = Of(file);
        var leaves = Leaves(model).ToHashSet(StringComparer.Ordinal);
        Assert.All(use.Handled, h => Assert.True(leaves.Contains(h), $"{file}: '{h}' is listed as handled but is no field"));
        Assert.All(use.WithoutEffect, w => Assert.True(
            leaves.Any(l => l == w.Path || l.StartsWith(w.Path + ".", StringComparison.Ordinal) || l.StartsWith(w.Path + "[", StringComparison.Ordinal)),
            $"{file}: '{w.Path}' is listed as without effect but is no field"));
        Assert.All(use.WithoutEffect, w => Assert.False(
            use.Handled.Any(h => h == w.Path || h.StartsWith(w.Path + ".", StringComparison.Ordinal) || h.StartsWith(w.Path + "[", StringComparison.Ordinal)),
            $"{file}: '{w.Path}' is listed both as handled and as without effect"));
    }

    public static TheoryData<string, string> NativeFieldsWithoutEffect()
    {
        var data = new TheoryData<string, string>();
        foreach (var distribution in DistributionRegistry.All)
        {
            foreach (var (path, _) in distribution.Config.Fields.WithoutEffect)
            {
                data.Add(distribution.Config.DefaultFile, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NativeFieldsWithoutEffect))]
    public void A_native_field_without_effect_is_named_in_a_warning_at_its_line(string file, string path)
    {
        var distribution = DistributionRegistry.All.Single(d => d.Config.DefaultFile == file);
        var model = distribution.Config.Defaults().GetType();
        var document = new Dictionary<string, object>
        {
            ["apiVersion"] = distribution.Config.ApiVersion,
            ["kind"] = distribution.Config.Kind,
        };
        Set(document, model, path.Split('.'));
        var yaml = new SerializerBuilder().Build().Serialize(document);
        using var dir = new ScratchDirectory();
        dir.Write(file, yaml);
        var ksail = dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: fields\nspec:\n  cluster:\n    distribution: {distribution.Id}\n    distributionConfig: {file}\n");

        IReadOnlyList<ConfigDiagnostic> diagnostics;
        try
        {
            diagnostics = Declarations.Load(ksail).Warnings;
        }
        catch (ConfigurationException ex)
        {
            diagnostics = ex.Diagnostics; // a sample value the tool refuses: the warning is still there
        }

        var line = yaml.Split('\n').ToList();
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Warning
            && d.Message.Contains($" in {file} has no effect in KSail.NET", StringComparison.Ordinal)
            && FieldUse.Pattern(d.Message[..d.Message.IndexOf(' ', StringComparison.Ordinal)]) == path
            && d.Location.File.EndsWith(file, StringComparison.Ordinal)
            && d.Location.Line > 2);
    }

    // Sets the field at path (segments, "name[]" for a list) in a YAML document of the model's shape, with a sample value.
    private static void Set(Dictionary<string, object> node, Type type, string[] segments)
    {
        var name = segments[0].TrimEnd('[', ']');
        var property = YamlModelReader.FieldsOf(type)[name];
        var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var isList = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>);
        var item = isList ? t.GetGenericArguments()[0] : t;
        if (segments.Length == 1)
        {
            node[name] = isList ? new List<object> { Sample(item) } : Sample(t);
            return;
        }

        var child = new Dictionary<string, object>();
        Set(child, item, segments[1..]);
        node[name] = isList ? new List<object> { child } : child;
    }

    private static object Sample(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "sample";
        }

        if (t == typeof(bool))
        {
            return true;
        }

        if (t == typeof(int) || t == typeof(long) || t == typeof(double))
        {
            return 1;
        }

        if (t.IsEnum)
        {
            return YamlModelReader.EnumNames(t)[0];
        }

        if (typeof(IDictionary).IsAssignableFrom(t))
        {
            return new Dictionary<string, object> { ["sample"] = "sample" };
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            return new List<object> { Sample(t.GetGenericArguments()[0]) };
        }

        // An object: its first field, set.
        var (name, property) = YamlModelReader.FieldsOf(t).First();
        return new Dictionary<string, object> { [name] = Sample(property.PropertyType) };
    }
}
