using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Components;

/// <summary>
/// Kubernetes manifests as JSON objects. YAML scalars are typed as the API machinery's YAML reader
/// (go-yaml v2, YAML 1.1) types them: plain <c>1</c> is a number, <c>true</c>/<c>yes</c>/<c>on</c> a
/// boolean, <c>~</c> null; quoted and block scalars are strings.
/// </summary>
public static partial class Manifests
{
    /// <summary>Reads every non-empty document of a YAML stream (a <c>List</c> is flattened into its items).</summary>
    /// <exception cref="FormatException">The text is not YAML, or a document is not an object with apiVersion, kind and metadata.name.</exception>
    public static IReadOnlyList<JsonObject> Read(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{source}({ex.Start.Line},{ex.Start.Column}): not valid YAML: {ex.Message}", ex);
        }

        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (ToJson(document.RootNode) is not JsonObject item)
            {
                continue; // an empty document (a leading or trailing '---')
            }

            if (item["kind"]?.GetValue<string>() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && item["items"] is JsonArray items)
            {
                documents.AddRange(items.OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()));
                continue;
            }

            if (item["apiVersion"] is null || item["kind"] is null || item["metadata"]?["name"] is null)
            {
                throw new FormatException($"{source}({document.RootNode.Start.Line},{document.RootNode.Start.Column}): a manifest document needs apiVersion, kind and metadata.name");
            }

            documents.Add(item);
        }

        return documents;
    }

    /// <summary>The object's identity as kubectl prints it: <c>Kind namespace/name</c> or <c>Kind name</c>.</summary>
    public static string Describe(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var ns = Namespace(item);
        return $"{Kind(item)} {(ns is null ? string.Empty : ns + "/")}{Name(item)}";
    }

    /// <summary>The object's kind.</summary>
    public static string Kind(JsonObject item) => item?["kind"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The object's apiVersion.</summary>
    public static string ApiVersion(JsonObject item) => item?["apiVersion"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The object's name.</summary>
    public static string Name(JsonObject item) => item?["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The object's namespace, when it names one.</summary>
    public static string? Namespace(JsonObject item) => item?["metadata"]?["namespace"]?.GetValue<string>();

    /// <summary>The object's labels (created when missing).</summary>
    public static JsonObject Labels(JsonObject item) => Child(Child(item, "metadata"), "labels");

    /// <summary>The object's annotations (created when missing).</summary>
    public static JsonObject Annotations(JsonObject item) => Child(Child(item, "metadata"), "annotations");

    /// <summary>The child object <paramref name="name"/> of <paramref name="parent"/>, created when missing.</summary>
    public static JsonObject Child(JsonObject parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        child = [];
        parent[name] = child;
        return child;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
        }

        if (Integer().IsMatch(text) && long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (Float().IsMatch(text) && double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")]
    private static partial Regex Float();
}
