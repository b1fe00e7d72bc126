using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Components;

/// <summary>
/// Kubernetes manifests as JSON objects. YAML is read as the API machinery reads it (sigs.k8s.io/yaml's
/// YAMLToJSON over go-yaml v2, YAML 1.1):
/// <list type="bullet">
/// <item>Plain scalars are typed: <c>~</c>, <c>null</c> and an empty value are null; <c>true</c>/<c>yes</c>/<c>on</c>/<c>y</c>
/// and <c>false</c>/<c>no</c>/<c>off</c>/<c>n</c> (in their three spellings) booleans; integers may be signed and
/// hexadecimal (<c>0x1F</c>), octal (<c>0755</c>, <c>0o755</c>) or binary (<c>0b101</c>), with <c>_</c> between digits; floats
/// are decimal (<c>1.5</c>, <c>.5</c>, <c>1e3</c>); <c>.inf</c> and <c>.nan</c> have no JSON form and are refused; anything else is a string.</item>
/// <item>Quoted and block (<c>|</c>, <c>&gt;</c>) scalars are strings. An explicit <c>!!str</c>, <c>!!int</c>, <c>!!float</c>,
/// <c>!!bool</c> or <c>!!null</c> tag types the scalar (or refuses it: <c>!!int abc</c>); <c>!!binary</c> is decoded from
/// base64; any other tag leaves the text a string.</item>
/// <item>Mapping keys are typed the same way and written as JSON keys (<c>yes:</c> is the key <c>"true"</c>, <c>0x10:</c>
/// the key <c>"16"</c>); a null, mapping or list key is refused.</item>
/// <item>A merge key (<c>&lt;&lt;</c>) merges a mapping, or a list of mappings of which earlier ones win, in place:
/// a key after it overrides a merged one and a merged one overrides a key before it.</item>
/// </list>
/// Where go-yaml v2 would keep the last of two equal keys in one mapping, the text is refused as not valid YAML.
/// </summary>
public static partial class Manifests
{
    /// <summary>Reads every non-empty document of a YAML stream (a <c>List</c> is flattened into its items).</summary>
    /// <exception cref="FormatException">The text is not YAML, or a document is not an object with apiVersion, kind and metadata.name.</exception>
    public static IReadOnlyList<JsonObject> Read(string yaml, string source)
    {
        var objects = new List<JsonObject>();
        foreach (var (root, start) in ReadDocuments(yaml, source))
        {
            switch (root)
            {
                case null:
                    continue; // an empty document (a leading or trailing '---', or only comments)
                case JsonObject list when Text(list["kind"]) is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && list["items"] is JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        objects.Add(items[i] is JsonObject item && IsObject(item)
                            ? (JsonObject)item.DeepClone()
                            : throw new FormatException($"{source}({start.Line},{start.Column}): items[{i.ToString(CultureInfo.InvariantCulture)}] of the {kind} needs apiVersion, kind and metadata.name"));
                    }

                    break;
                case JsonObject item when IsObject(item):
                    objects.Add(item);
                    break;
                default:
                    throw new FormatException($"{source}({start.Line},{start.Column}): a manifest document needs apiVersion, kind and metadata.name");
            }
        }

        return objects;
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

    /// <summary>
    /// Every document of a YAML stream as JSON (null for an empty document), with where it starts, converted as
    /// described on <see cref="Manifests"/>; nothing is required of the documents.
    /// </summary>
    /// <param name="yaml">The YAML stream.</param>
    /// <param name="source">What the text is, for messages (a file, a URL, a field).</param>
    /// <exception cref="FormatException">The text is not valid YAML, or a value has no JSON form (the message names where).</exception>
    internal static IReadOnlyList<(JsonNode? Root, Mark Start)> ReadDocuments(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            throw new FormatException($"{source} is not valid YAML ({At(ex.Start)}): {message}", ex);
        }

        var converter = new YamlToJson(source);
        return stream.Documents.Select(d => (converter.Convert(d.RootNode), d.RootNode.Start)).ToList();
    }

    private static bool IsObject(JsonObject item) =>
        Text(item["apiVersion"]) is { Length: > 0 } && Text(item["kind"]) is { Length: > 0 } && item["metadata"] is JsonObject metadata && Text(metadata["name"]) is { Length: > 0 };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string At(Mark mark) => $"line {mark.Line}, column {mark.Column}";

    // A YAML node graph (aliases resolved to their anchors' nodes) as JSON, as go-yaml v2 decodes it into
    // interface{} and sigs.k8s.io/yaml turns that into JSON.
    private sealed class YamlToJson(string source)
    {
        private readonly HashSet<YamlNode> open = new(ReferenceEqualityComparer.Instance);

        public JsonNode? Convert(YamlNode node)
        {
            if (node is YamlScalarNode scalar)
            {
                return Value(scalar);
            }

            if (!open.Add(node))
            {
                throw Unconvertible(node, "an alias refers to a node that contains it");
            }

            JsonNode? result = node switch
            {
                YamlMappingNode mapping => Mapping(mapping),
                YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
                _ => null,
            };
            open.Remove(node);
            return result;
        }

        private JsonObject Mapping(YamlMappingNode mapping)
        {
            var result = new JsonObject();
            foreach (var (key, value) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: "<<" } merge && (IsImplicit(merge) || ShortTag(merge) == "!!merge"))
                {
                    Merge(value, result);
                }
                else
                {
                    result[Key(key)] = Convert(value);
                }
            }

            return result;
        }

        // go-yaml v2's merge: the keys are set in place, in order, so what comes later wins; of a list of
        // mappings, the earlier ones win (they are set last).
        private void Merge(YamlNode value, JsonObject into)
        {
            IEnumerable<YamlNode> sources = value switch
            {
                YamlMappingNode => [value],
                YamlSequenceNode sequence when sequence.Children.All(c => c is YamlMappingNode) => sequence.Children.Reverse(),
                _ => throw Unconvertible(value, "a merge key (<<) takes a mapping or a list of mappings"),
            };

            foreach (var mapping in sources)
            {
                foreach (var (key, member) in (JsonObject)Convert(mapping)!)
                {
                    into[key] = member?.DeepClone();
                }
            }
        }

        // As sigs.k8s.io/yaml writes go-yaml's typed keys: strings as they are, integers in decimal, floats as Go's
        // FormatFloat(f, 'g', -1, 32), booleans as true/false; other keys are refused.
        private string Key(YamlNode key) => key is YamlScalarNode scalar
            ? Resolve(scalar) switch
            {
                string text => text,
                bool flag => flag ? "true" : "false",
                long integer => integer.ToString(CultureInfo.InvariantCulture),
                double number => GoFloat32(number),
                null => throw Unconvertible(key, "a mapping key cannot be null"),
                _ => throw Unconvertible(key, $"the mapping key {scalar.Value} is too large for a JSON key"),
            }
            : throw Unconvertible(key, "a mapping key must be a scalar, not a mapping or a list");

        private JsonValue? Value(YamlScalarNode scalar) => Resolve(scalar) switch
        {
            null => null,
            string text => JsonValue.Create(text),
            bool flag => JsonValue.Create(flag),
            long integer => JsonValue.Create(integer),
            ulong integer => JsonValue.Create(integer),
            double number when double.IsFinite(number) => JsonValue.Create(number),
            _ => throw Unconvertible(scalar, $"{scalar.Value} is not a number JSON can hold"),
        };

        // go-yaml v2's scalar decoding into interface{}: untagged quoted and block scalars are strings; untagged
        // plain ones are typed by their text; a standard tag types the text or refuses it.
        private object? Resolve(YamlScalarNode scalar)
        {
            var text = scalar.Value ?? string.Empty;
            var tag = ShortTag(scalar);
            if (tag.Length == 0 && !IsImplicit(scalar))
            {
                return text;
            }

            if (tag == "!!binary")
            {
                try
                {
                    return Encoding.UTF8.GetString(System.Convert.FromBase64String(text));
                }
                catch (FormatException ex)
                {
                    throw Unconvertible(scalar, $"!!binary value is not base64: {ex.Message}");
                }
            }

            if (tag is not ("" or "!!bool" or "!!int" or "!!float" or "!!null" or "!!timestamp"))
            {
                return text; // !!str, the non-specific '!' and tags of one's own
            }

            var value = Implicit(text);
            return (tag, value) switch
            {
                ("", _) or ("!!null", null) or ("!!bool", bool) or ("!!int", long or ulong) or ("!!float", double) => value,
                ("!!float", long integer) => (double)integer,
                ("!!timestamp", string) => text, // go-yaml v2 keeps a timestamp a string in interface{}
                _ => throw Unconvertible(scalar, $"{tag} cannot hold `{text}`"),
            };
        }

        private FormatException Unconvertible(YamlNode node, string reason) => new($"{source} cannot be converted to JSON ({At(node.Start)}): {reason}");
    }

    // go-yaml v2 takes a plain scalar's type from its text when it has no tag (or the non-specific '!').
    private static bool IsImplicit(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? scalar.Tag.IsEmpty || scalar.Tag.Value == "!" : !scalar.Tag.IsEmpty && scalar.Tag.Value == "!";

    private static string ShortTag(YamlNode node) =>
        node.Tag.IsEmpty ? string.Empty
        : node.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + node.Tag.Value["tag:yaml.org,2002:".Length..]
        : node.Tag.Value;

    // go-yaml v2's resolve for an untagged plain scalar: null, bool, long, ulong, double or the text.
    private static object? Implicit(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return false;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
        }

        if (text[0] == '.')
        {
            // Go's strconv.ParseFloat of the text as it stands (it allows '_' between digits).
            return DotFloat().IsMatch(text) && TryDouble(text.Replace("_", string.Empty, StringComparison.Ordinal), out var fraction) ? fraction : text;
        }

        if (text[0] is '+' or '-' or (>= '0' and <= '9'))
        {
            var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
            if (TryGoInteger(digits, out var integer))
            {
                return integer;
            }

            if (YamlStyleFloat().IsMatch(digits) && TryDouble(digits, out var number))
            {
                return number;
            }
        }

        return text;
    }

    // Go's strconv.ParseInt(s, 0, 64), else ParseUint(s, 0, 64): a sign (ParseInt only), then 0x, 0o, 0b or a
    // leading 0 (octal) for the base; a long, else a ulong.
    private static bool TryGoInteger(string text, out object? value)
    {
        value = null;
        var signed = text.Length > 0 && text[0] is '+' or '-';
        if (!TryUnsigned(signed ? text[1..] : text, out var magnitude))
        {
            return false;
        }

        if (text[0] == '-')
        {
            value = magnitude <= 1UL << 63 ? (long)-(Int128)magnitude : null;
        }
        else if (magnitude <= long.MaxValue)
        {
            value = (long)magnitude;
        }
        else if (!signed)
        {
            value = magnitude;
        }

        return value is not null;
    }

    private static bool TryUnsigned(string text, out ulong value)
    {
        value = 0;
        var (radix, digits) = text switch
        {
            ['0', 'x' or 'X', _, ..] => (16, text[2..]),
            ['0', 'o' or 'O', _, ..] => (8, text[2..]),
            ['0', 'b' or 'B', _, ..] => (2, text[2..]),
            ['0', ..] => (8, text[1..]),
            [_, ..] => (10, text),
            _ => (0, text),
        };
        if (radix == 0)
        {
            return false;
        }

        UInt128 n = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            n = (n * (uint)radix) + (uint)digit;
            if (n > ulong.MaxValue)
            {
                return false;
            }
        }

        value = (ulong)n;
        return true;
    }

    // Go's ParseFloat fails on what overflows; .NET gives infinity.
    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    // Go's strconv.FormatFloat(f, 'g', -1, 32) (as sigs.k8s.io/yaml writes a float key), with .inf/-.inf/.nan.
    private static string GoFloat32(double number)
    {
        var single = (float)number;
        if (float.IsNaN(single))
        {
            return ".nan";
        }

        if (float.IsInfinity(single))
        {
            return single > 0 ? ".inf" : "-.inf";
        }

        // The shortest digits that read back as the same float32, and where the decimal point goes.
        var shortest = single.ToString("R", CultureInfo.InvariantCulture);
        var sign = shortest.StartsWith('-') ? "-" : string.Empty;
        shortest = shortest.TrimStart('-');
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var decimalPoint = (point < 0 ? mantissa.Length : point) + (e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalPoint -= leadingZeros;
        if (digits.Length == 0)
        {
            return sign + "0";
        }

        var exponent = decimalPoint - 1;
        if (exponent is < -4 or >= 6)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            return $"{sign}{digits[0]}{fraction}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
        }

        return sign + (decimalPoint <= 0 ? "0." + new string('0', -decimalPoint) + digits
            : decimalPoint >= digits.Length ? digits + new string('0', decimalPoint - digits.Length)
            : digits[..decimalPoint] + "." + digits[decimalPoint..]);
    }

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex("^\\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?$")]
    private static partial Regex DotFloat();
}
