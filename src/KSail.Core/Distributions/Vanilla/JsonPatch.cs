using System.Globalization;
using System.Text.Json.Nodes;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// JSON Patch (RFC 6902) as kind applies its <c>kubeadmConfigPatchesJSON6902</c> and JSON merge patch
/// (RFC 7386, <see cref="Merge"/>) as it applies its merge patches. JSON Patch: the operations
/// <c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c> and <c>test</c> in order, paths as
/// JSON Pointers (RFC 6901), <c>-</c> for the end of an array, and negative indices counting from the
/// end (an extension kind's library allows). An operation whose path is missing fails the patch.
/// </summary>
internal static class JsonPatch
{
    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="document"/> and returns it.</summary>
    /// <exception cref="FormatException">An operation is malformed or does not apply (its message names it).</exception>
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var root = document?.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i] as JsonObject ?? throw new FormatException($"operation {i.ToString(CultureInfo.InvariantCulture)} is not an object");
            var op = Text(operation, "op") ?? string.Empty;
            try
            {
                root = ApplyOne(root, op, operation);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"operation {i.ToString(CultureInfo.InvariantCulture)} ({op} {Text(operation, "path")}): {ex.Message}", ex);
            }
        }

        return root;
    }

    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (target is not JsonObject targetObject)
        {
            return Pruned(patch?.DeepClone());
        }

        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        foreach (var (key, value) in patchObject.ToList())
        {
            if (value is null)
            {
                targetObject.Remove(key);
            }
            else
            {
                var current = targetObject[key];
                targetObject[key] = current is null ? Pruned(value.DeepClone()) : Merge(current.DeepClone(), value);
            }
        }

        return targetObject;
    }

    private static JsonNode? Pruned(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is null)
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        Pruned(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Pruned(item);
                }

                break;
        }

        return node;
    }

    private static JsonNode? ApplyOne(JsonNode? root, string op, JsonObject operation)
    {
        var value = operation["value"];
        switch (op)
        {
            case "add":
            {
                var path = Path(operation, "path");
                if (path.Length == 0)
                {
                    return value is JsonObject or JsonArray ? value.DeepClone() : throw new FormatException("the whole document can only be replaced by an object or a list");
                }

                var (parent, key) = Parent(root, path) ?? throw new FormatException("the document has no such path");
                Add(parent, key, value?.DeepClone());
                return root;
            }

            case "remove":
            {
                var (parent, key) = Parent(root, Path(operation, "path")) ?? throw new FormatException("the document has no such path");
                Remove(parent, key);
                return root;
            }

            case "replace":
            {
                var path = Path(operation, "path");
                if (path.Length == 0)
                {
                    return value is JsonObject or JsonArray ? value.DeepClone() : throw new FormatException("the whole document can only be replaced by an object or a list");
                }

                var (parent, key) = Parent(root, path) ?? throw new FormatException("the document has no such path");
                if (!TryGet(parent, key, out _))
                {
                    throw new FormatException("the document has no such key");
                }

                Set(parent, key, value?.DeepClone());
                return root;
            }

            case "move" or "copy":
            {
                var from = Path(operation, "from");
                if (op == "move" && from.Length == 0)
                {
                    throw new FormatException("the whole document cannot be moved");
                }

                var (source, sourceKey) = Parent(root, from) ?? throw new FormatException($"the document has no path {from}");
                if (!TryGet(source, sourceKey, out var found))
                {
                    throw new FormatException($"the document has no value at {from}");
                }

                // A move removes first, so its destination path is read in the document without the value.
                if (op == "move")
                {
                    Remove(source, sourceKey);
                }

                var (target, targetKey) = Parent(root, Path(operation, "path")) ?? throw new FormatException("the document has no such destination path");
                Add(target, targetKey, found?.DeepClone());
                return root;
            }

            case "test":
            {
                var path = Path(operation, "path");
                JsonNode? actual;
                if (path.Length == 0)
                {
                    actual = root;
                }
                else
                {
                    var (parent, key) = Parent(root, path) ?? throw new FormatException("the document has no such path");
                    TryGet(parent, key, out actual);
                }

                return JsonNode.DeepEquals(actual, value) ? root : throw new FormatException($"the value is {actual?.ToJsonString() ?? "null"}, not {value?.ToJsonString() ?? "null"}");
            }

            default:
                throw new FormatException($"'{op}' is not a JSON 6902 operation (add, remove, replace, move, copy, test)");
        }
    }

    private static string? Text(JsonObject operation, string field) =>
        operation[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Path(JsonObject operation, string field)
    {
        var path = Text(operation, field) ?? throw new FormatException($"the operation has no {field}");
        return path.Length == 0 || path[0] == '/' ? path : throw new FormatException($"{field} '{path}' is not a JSON pointer (it must start with '/')");
    }

    // The container holding the last token of the pointer, and that token (unescaped); null when a step is missing.
    private static (JsonNode Parent, string Key)? Parent(JsonNode? root, string pointer)
    {
        if (pointer.Length == 0 || root is null)
        {
            return null;
        }

        var tokens = pointer.Split('/')[1..].Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        var current = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            if (!TryGet(current, token, out var next) || next is not (JsonObject or JsonArray))
            {
                return null;
            }

            current = next;
        }

        return current is JsonObject or JsonArray ? (current, tokens[^1]) : null;
    }

    private static bool TryGet(JsonNode container, string key, out JsonNode? value)
    {
        value = null;
        if (key.Length == 0)
        {
            value = container;
            return true;
        }

        switch (container)
        {
            case JsonObject o:
                return o.TryGetPropertyValue(key, out value);
            case JsonArray a:
                var index = Index(key, a.Count, allowEnd: false);
                value = a[index];
                return true;
            default:
                return false;
        }
    }

    private static void Add(JsonNode container, string key, JsonNode? value)
    {
        switch (container)
        {
            case JsonObject o:
                o[key] = value;
                break;
            case JsonArray a when key == "-":
                a.Add(value);
                break;
            case JsonArray a:
                a.Insert(Index(key, a.Count + 1, allowEnd: true), value);
                break;
        }
    }

    private static void Set(JsonNode container, string key, JsonNode? value)
    {
        switch (container)
        {
            case JsonObject o:
                o[key] = value;
                break;
            case JsonArray a:
                a[Index(key, a.Count, allowEnd: false)] = value;
                break;
        }
    }

    private static void Remove(JsonNode container, string key)
    {
        switch (container)
        {
            case JsonObject o when !o.Remove(key):
                throw new FormatException($"the document has no key '{key}' to remove");
            case JsonArray a:
                a.RemoveAt(Index(key, a.Count, allowEnd: false));
                break;
        }
    }

    // An array index; negative counts from the end. With allowEnd the count is the size after an insert.
    private static int Index(string token, int count, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"'{token}' is not an array index");
        }

        if (index < 0)
        {
            index += count;
        }

        return index >= 0 && index < count ? index : throw new FormatException($"index {token} is outside the list{(allowEnd ? string.Empty : $" of {count.ToString(CultureInfo.InvariantCulture)}")}");
    }
}
