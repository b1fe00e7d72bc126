using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using KSail.Core.Configuration.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Configuration.Yaml;

/// <summary>
/// Reads a YAML document into a typed model strictly: every unknown field, wrong type and bad
/// value is reported with its file, line and column, and reading goes on so that all problems of
/// a file are reported together. Field names come from <see cref="JsonPropertyNameAttribute"/>,
/// the same names the JSON schema is generated from.
/// </summary>
internal sealed class YamlModelReader
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> FieldsByType = new();

    private readonly string file;
    private readonly DiagnosticBag diagnostics;
    private readonly VariableExpander? expander;
    private readonly IReadOnlyDictionary<YamlNode, SourceLocation> origins;

    /// <summary>Creates a reader for one file.</summary>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="expander">Expands <c>${VAR}</c> in values; null to take values literally.</param>
    /// <param name="origins">Nodes that did not come from the file (overrides), with where they came from.</param>
    public YamlModelReader(
        string file,
        DiagnosticBag diagnostics,
        VariableExpander? expander = null,
        IReadOnlyDictionary<YamlNode, SourceLocation>? origins = null)
    {
        this.file = file;
        this.diagnostics = diagnostics;
        this.expander = expander;
        this.origins = origins ?? new Dictionary<YamlNode, SourceLocation>(ReferenceEqualityComparer.Instance);
    }

    /// <summary>Where each value that was read came from, by its dotted path (<c>spec.cluster.cni</c>, <c>nodes[1].role</c>).</summary>
    public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Parses the text of a single-document YAML file. Syntax errors, duplicate keys, an empty file,
    /// several documents, or a top level that is not a mapping are reported; null is returned then.
    /// With <paramref name="more"/>, the documents after the first are added to it instead (each must be a mapping).
    /// </summary>
    public static YamlMappingNode? Parse(string file, string text, DiagnosticBag diagnostics, List<YamlMappingNode>? more = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                message = "a key appears twice in the same mapping; keep one of them";
            }
            else
            {
                message = $"the file is not valid YAML: {message}";
            }

            diagnostics.Error(new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column), message);
            return null;
        }

        var documents = stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).ToList();
        if (documents.Count == 0)
        {
            diagnostics.Error(SourceLocation.StartOf(file), "the file is empty; it must hold one YAML mapping with apiVersion and kind");
            return null;
        }

        if (more is not null)
        {
            foreach (var document in documents.Skip(1))
            {
                if (document.RootNode is YamlMappingNode mapping)
                {
                    more.Add(mapping);
                }
                else
                {
                    diagnostics.Error(
                        new SourceLocation(file, (int)document.RootNode.Start.Line, (int)document.RootNode.Start.Column),
                        $"each document of the file must be a YAML mapping (key: value pairs), but this one is {Describe(document.RootNode)}");
                }
            }
        }
        else if (documents.Count > 1)
        {
            var second = documents[1].RootNode;
            diagnostics.Error(
                new SourceLocation(file, (int)second.Start.Line, (int)second.Start.Column),
                "the file holds more than one YAML document; keep one cluster declaration per file");
            return null;
        }

        if (documents[0].RootNode is not YamlMappingNode root)
        {
            var node = documents[0].RootNode;
            diagnostics.Error(
                new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column),
                $"the file must hold a YAML mapping (key: value pairs), but holds {Describe(node)}");
            return null;
        }

        return root;
    }

    /// <summary>Reads <paramref name="node"/> as a <typeparamref name="T"/>.</summary>
    public T Read<T>(YamlMappingNode node)
        where T : class, new() =>
        (T?)ReadValue(node, typeof(T), string.Empty) ?? new T();

    /// <summary>Reads <paramref name="node"/> as a <typeparamref name="T"/>, its values' paths under <paramref name="path"/> (<c>documents[1]</c>).</summary>
    public T Read<T>(YamlMappingNode node, string path)
        where T : class, new() =>
        (T?)ReadValue(node, typeof(T), path) ?? new T();

    /// <summary>Where a node came from.</summary>
    public SourceLocation LocationOf(YamlNode node) =>
        origins.TryGetValue(node, out var origin)
            ? origin
            : new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The fields of a model type, by their YAML name.</summary>
    internal static IReadOnlyDictionary<string, PropertyInfo> FieldsOf(Type type) =>
        FieldsByType.GetOrAdd(type, static t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(
                p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyName(p.Name),
                StringComparer.Ordinal));

    /// <summary>Whether a model type is read from a single YAML scalar.</summary>
    internal static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(int) || t == typeof(long) || t == typeof(bool) || t == typeof(double) || t.IsEnum;
    }

    /// <summary>The YAML names of an enum's values.</summary>
    internal static IReadOnlyList<string> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .ToList();

    private static string JsonNamingPolicyName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping (key: value pairs)",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unknown value",
    };

    private static string Expectation(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "a string";
        }

        if (t == typeof(int) || t == typeof(long))
        {
            return "a whole number";
        }

        if (t == typeof(double))
        {
            return "a number";
        }

        if (t == typeof(bool))
        {
            return "true or false";
        }

        if (t.IsEnum)
        {
            return "one of " + string.Join(", ", EnumNames(t));
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            return "a list";
        }

        return "a mapping (key: value pairs)";
    }

    private object? ReadValue(YamlNode node, Type type, string path)
    {
        Locations[path] = LocationOf(node);
        if (IsNull(node))
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(object))
        {
            return ReadRaw(node);
        }

        if (IsScalar(target))
        {
            return node is YamlScalarNode scalar ? ReadScalar(scalar, target, path) : WrongType(node, target, path);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(List<>))
        {
            return node is YamlSequenceNode sequence ? ReadList(sequence, target, path) : WrongType(node, target, path);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return node is YamlMappingNode mapping ? ReadDictionary(mapping, target, path) : WrongType(node, target, path);
        }

        return node is YamlMappingNode map ? ReadObject(map, target, path) : WrongType(node, target, path);
    }

    private object? WrongType(YamlNode node, Type target, string path)
    {
        diagnostics.Error(LocationOf(node), $"{path} must be {Expectation(target)}, but is {Describe(node)}");
        return null;
    }

    private object ReadObject(YamlMappingNode mapping, Type type, string path)
    {
        var instance = Activator.CreateInstance(type)!;
        var fields = FieldsOf(type);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                diagnostics.Error(LocationOf(keyNode), $"keys in {(path.Length == 0 ? "the top level" : path)} must be plain names");
                continue;
            }

            if (!fields.TryGetValue(key, out var property))
            {
                ReportUnknownField(keyNode, key, path, fields.Keys);
                continue;
            }

            var fieldPath = Join(path, key);
            var value = ReadValue(valueNode, property.PropertyType, fieldPath);
            if (IsNull(valueNode) || valueNode is not YamlScalarNode)
            {
                // A field whose value is empty, a mapping or a list is marked by its key.
                Locations[fieldPath] = LocationOf(keyNode);
            }

            if (value is not null)
            {
                property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private void ReportUnknownField(YamlNode keyNode, string key, string path, IEnumerable<string> known)
    {
        var names = known.ToList();
        var where = path.Length == 0 ? "at the top level" : $"in {path}";
        var suggestion = Suggestions.Closest(key, names);
        var hint = suggestion is not null
            ? $"; did you mean '{suggestion}'?"
            : $"; the fields allowed here are: {string.Join(", ", names)}";
        diagnostics.Error(LocationOf(keyNode), $"unknown field '{key}' {where}{hint}");
    }

    private object ReadList(YamlSequenceNode sequence, Type listType, string path)
    {
        var itemType = listType.GetGenericArguments()[0];
        var list = (IList)Activator.CreateInstance(listType)!;
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var value = ReadValue(item, itemType, $"{path}[{index}]");
            if (value is not null)
            {
                list.Add(value);
            }

            index++;
        }

        return list;
    }

    private object ReadDictionary(YamlMappingNode mapping, Type dictionaryType, string path)
    {
        var valueType = dictionaryType.GetGenericArguments()[1];
        var dictionary = (IDictionary)Activator.CreateInstance(dictionaryType)!;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                diagnostics.Error(LocationOf(keyNode), $"keys in {path} must be plain names");
                continue;
            }

            var value = ReadValue(valueNode, valueType, $"{path}.{key}");
            if (value is not null)
            {
                dictionary[key] = value;
            }
        }

        return dictionary;
    }

    private object? ReadRaw(YamlNode node) => node switch
    {
        YamlScalarNode s => IsNull(s) ? null : s.Value,
        YamlSequenceNode seq => seq.Children.Select(ReadRaw).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty,
            kv => ReadRaw(kv.Value),
            StringComparer.Ordinal),
        _ => null,
    };

    private object? ReadScalar(YamlScalarNode node, Type target, string path)
    {
        var location = LocationOf(node);
        var text = node.Value ?? string.Empty;
        if (expander is not null)
        {
            var expanded = expander.Expand(text, location, path);
            if (expanded is null)
            {
                return null;
            }

            text = expanded;
        }

        if (target == typeof(string))
        {
            return text;
        }

        if (target == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            {
                return i;
            }

            return Invalid(location, path, text, target);
        }

        if (target == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return l;
            }

            return Invalid(location, path, text, target);
        }

        if (target == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return d;
            }

            return Invalid(location, path, text, target);
        }

        if (target == typeof(bool))
        {
            return ParseBool(text) ?? Invalid(location, path, text, target);
        }

        return ReadEnum(location, text, target, path);
    }

    private static bool? ParseBool(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" => true,
        "FALSE" or "NO" or "OFF" => false,
        _ => null,
    };

    private object? ReadEnum(SourceLocation location, string text, Type target, string path)
    {
        var names = EnumNames(target);
        var fields = target.GetFields(BindingFlags.Public | BindingFlags.Static);

        // As KSail does: values match without regard to case, and an on/off switch also takes true or false.
        if ((target == typeof(Toggle) || target == typeof(EnabledDisabled)) && ParseBool(text) is { } flag)
        {
            text = flag ? nameof(Toggle.Enabled) : nameof(Toggle.Disabled);
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return fields[i].GetValue(null);
            }
        }

        var suggestion = Suggestions.Closest(text, names);
        diagnostics.Error(
            location,
            $"{path} is '{text}', which is not one of {string.Join(", ", names)}"
            + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
        return null;
    }

    private object? Invalid(SourceLocation location, string path, string text, Type target)
    {
        diagnostics.Error(location, $"{path} must be {Expectation(target)}, but is '{text}'");
        return null;
    }
}
