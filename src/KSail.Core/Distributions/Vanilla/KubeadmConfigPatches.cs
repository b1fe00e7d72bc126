using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Components;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// Applies kind.yaml's <c>kubeadmConfigPatches</c> and <c>kubeadmConfigPatchesJSON6902</c> to a
/// node's kubeadm config, with kind's semantics (its <c>pkg/internal/patch</c>):
/// <list type="bullet">
/// <item>Each YAML document of a merge patch matches the config documents of its <c>kind</c>, and of its
/// <c>apiVersion</c> when it names one; it is applied as a JSON merge patch (RFC 7386), except that
/// <c>certSANs</c> lists are joined (entries added, none removed) and, for a <c>kubeadm.k8s.io/v1beta4</c>
/// document, <c>extraArgs</c>/<c>kubeletExtraArgs</c> entries are merged by name (a map in a patch
/// without <c>apiVersion</c> counts as name/value entries; an entry without value removes that name).</item>
/// <item>A JSON 6902 patch matches the documents of its kind and <c>group/version</c>; its operations
/// (RFC 6902, negative array indices allowed) apply in order, and one that fails fails the patch.</item>
/// <item>Per document, the merge patches go first, then the JSON 6902 patches; a patch that matches
/// no document is ignored.</item>
/// </list>
/// The result is one JSON document per config document (JSON is YAML, which kubeadm reads).
/// </summary>
internal static class KubeadmConfigPatches
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Whether there is anything to apply.</summary>
    public static bool Any(IReadOnlyList<string>? mergePatches, IReadOnlyList<KindPatchJson6902>? jsonPatches) =>
        mergePatches is { Count: > 0 } || jsonPatches is { Count: > 0 };

    /// <summary>Applies the patches to every document of <paramref name="config"/>.</summary>
    /// <param name="config">The kubeadm config (a YAML document stream).</param>
    /// <param name="mergePatches">kind's <c>kubeadmConfigPatches</c>.</param>
    /// <param name="jsonPatches">kind's <c>kubeadmConfigPatchesJSON6902</c>.</param>
    /// <param name="declaredAt">Where the patches are declared, for messages: empty for the cluster's, <c>nodes[1].</c> for a node's.</param>
    /// <returns>The patched config.</returns>
    /// <exception cref="FormatException">A patch is not valid YAML, a JSON 6902 patch is not a list of operations, or an operation does not apply.</exception>
    public static string Apply(string config, IReadOnlyList<string>? mergePatches, IReadOnlyList<KindPatchJson6902>? jsonPatches, string declaredAt = "")
    {
        ArgumentNullException.ThrowIfNull(config);
        var documents = ReadYaml(config, "the generated kubeadm config")
            .Select(d => new Document(d, KindOf(d), ApiVersionOf(d)))
            .ToList();
        var merges = ParseMergePatches(mergePatches ?? [], declaredAt);
        var json6902 = ParseJsonPatches(jsonPatches ?? [], declaredAt);

        foreach (var document in documents)
        {
            foreach (var patch in merges.Where(p => document.Matches(p.Kind, p.ApiVersion)))
            {
                if (document.Root is not JsonObject target)
                {
                    throw new FormatException($"{patch.Field} cannot merge into the {document.Kind} document: it is not an object");
                }

                var stripped = (JsonObject)patch.Body.DeepClone();
                MergeKubeadmLists(target, stripped, document.ApiVersion, patch.ApiVersion);
                document.Root = JsonPatch.Merge(target, stripped);
            }

            foreach (var patch in json6902.Where(p => document.Matches(p.Kind, p.ApiVersion)))
            {
                try
                {
                    document.Root = JsonPatch.Apply(document.Root, patch.Operations);
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{patch.Field} ({patch.ApiVersion} {patch.Kind}) does not apply to the kubeadm config: {ex.Message}", ex);
                }
            }
        }

        var sb = new StringBuilder();
        for (var i = 0; i < documents.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("---\n");
            }

            var root = documents[i].Root;

            // As kind: the metadata.name its template carries for matching is not passed to kubeadm.
            if (root is JsonObject o && o["metadata"] is JsonObject { Count: 1 } metadata && metadata["name"] is JsonValue name && name.TryGetValue<string>(out var n) && n == "config")
            {
                o.Remove("metadata");
            }

            sb.Append(root?.ToJsonString(Output) ?? "null").Append('\n');
        }

        return sb.ToString();
    }

    private sealed class Document(JsonNode? root, string kind, string apiVersion)
    {
        public JsonNode? Root { get; set; } = root;

        public string Kind { get; } = kind;

        public string ApiVersion { get; } = apiVersion;

        // As kind: the kind must match; the apiVersion only when the patch names one (so a patch can apply across kubeadm API versions).
        public bool Matches(string kind, string apiVersion) => Kind == kind && (apiVersion.Length == 0 || ApiVersion == apiVersion);
    }

    private sealed record MergePatchDocument(string Field, string Kind, string ApiVersion, JsonObject Body);

    private sealed record JsonPatchDocument(string Field, string Kind, string ApiVersion, JsonArray Operations);

    private static List<MergePatchDocument> ParseMergePatches(IReadOnlyList<string> patches, string declaredAt)
    {
        var result = new List<MergePatchDocument>();
        for (var i = 0; i < patches.Count; i++)
        {
            var field = $"{declaredAt}kubeadmConfigPatches[{i.ToString(CultureInfo.InvariantCulture)}]";
            foreach (var document in ReadYaml(patches[i] ?? string.Empty, field))
            {
                switch (document)
                {
                    case null:
                        continue; // an empty document matches nothing
                    case JsonObject body:
                        result.Add(new MergePatchDocument(field, KindOf(body), ApiVersionOf(body), body));
                        break;
                    default:
                        throw new FormatException($"{field} is not a YAML mapping with kind (and apiVersion) naming the kubeadm config document it patches");
                }
            }
        }

        return result;
    }

    private static List<JsonPatchDocument> ParseJsonPatches(IReadOnlyList<KindPatchJson6902> patches, string declaredAt)
    {
        var result = new List<JsonPatchDocument>();
        for (var i = 0; i < patches.Count; i++)
        {
            var field = $"{declaredAt}kubeadmConfigPatchesJSON6902[{i.ToString(CultureInfo.InvariantCulture)}]";
            var patch = patches[i];
            var documents = ReadYaml(patch?.Patch ?? string.Empty, $"{field}.patch");
            if (documents.Count != 1 || documents[0] is not JsonArray operations || operations.Any(o => o is not JsonObject))
            {
                throw new FormatException($"{field}.patch is not a JSON 6902 patch: a list of operations (op, path, value or from)");
            }

            // As kind: group/version, or only the version for the core group.
            var group = patch?.Group ?? string.Empty;
            var version = patch?.Version ?? string.Empty;
            result.Add(new JsonPatchDocument(field, patch?.Kind ?? string.Empty, group.Length == 0 ? version : $"{group}/{version}", operations));
        }

        return result;
    }

    private static string KindOf(JsonNode? document) => StringAt(document, "kind");

    private static string ApiVersionOf(JsonNode? document) => StringAt(document, "apiVersion");

    private static string StringAt(JsonNode? document, string key) =>
        document is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    // kind's special merge of kubeadm's lists before the merge patch: certSANs are joined, and in the
    // v1beta4 API (where extraArgs are name/value lists) extraArgs and kubeletExtraArgs are merged by name.
    // Whatever is merged here is taken out of the patch, so the merge patch does not replace it.
    private static void MergeKubeadmLists(JsonObject target, JsonObject patch, string targetVersion, string patchVersion)
    {
        foreach (var key in patch.Select(p => p.Key).ToList())
        {
            if (key is "extraArgs" or "kubeletExtraArgs")
            {
                if (targetVersion.EndsWith("v1beta4", StringComparison.Ordinal))
                {
                    MergeExtraArgs(target, patch, key, patchVersion);
                    patch.Remove(key);
                }

                continue;
            }

            if (key == "certSANs")
            {
                var sans = target[key] is JsonArray existing ? existing.Select(s => s?.DeepClone()).ToList() : null;
                foreach (var san in patch[key] as JsonArray ?? [])
                {
                    if (sans is null || !sans.Any(s => JsonNode.DeepEquals(s, san)))
                    {
                        (sans ??= []).Add(san?.DeepClone());
                    }
                }

                target[key] = sans is null ? null : new JsonArray([.. sans]);
                patch.Remove(key);
                continue;
            }

            if (patch[key] is JsonObject patchChild)
            {
                if (!target.ContainsKey(key))
                {
                    target[key] = new JsonObject();
                }

                if (target[key] is JsonObject targetChild)
                {
                    MergeKubeadmLists(targetChild, patchChild, targetVersion, patchVersion);
                }
            }
        }
    }

    private static void MergeExtraArgs(JsonObject target, JsonObject patch, string key, string patchVersion)
    {
        var changes = patch[key] switch
        {
            JsonArray list => list.ToList(),
            JsonObject map when patchVersion.Length == 0 => FromMap(map),
            _ => null,
        };
        var args = target[key] switch
        {
            JsonArray list => list.Select(a => a?.DeepClone()).ToList(),
            JsonObject map => FromMap(map),
            _ => null,
        };

        foreach (var change in changes ?? [])
        {
            if (change is not JsonObject c || StringAt(c, "name") is not { Length: > 0 } name)
            {
                continue;
            }

            var value = c["value"];
            var at = args?.FindIndex(a => StringAt(a, "name") == name) ?? -1;
            if (at >= 0 && value is null)
            {
                args!.RemoveAt(at);
            }
            else if (at >= 0)
            {
                ((JsonObject)args![at]!)["value"] = value!.DeepClone();
            }
            else if (value is not null)
            {
                (args ??= []).Add(new JsonObject { ["name"] = name, ["value"] = value.DeepClone() });
            }
        }

        target[key] = args is null ? null : new JsonArray([.. args]);
    }

    // A v1beta3-style map of arguments as v1beta4's name/value list (null when empty, as kind's conversion gives none).
    private static List<JsonNode?>? FromMap(JsonObject map) =>
        map.Count == 0 ? null : map.Select(kv => (JsonNode?)new JsonObject { ["name"] = kv.Key, ["value"] = kv.Value?.DeepClone() }).ToList();

    // Every document of a YAML stream as JSON, read as Kubernetes' YAML reader reads it (go-yaml v2, YAML 1.1,
    // as kind's patch code reads it too); an empty document is null.
    private static List<JsonNode?> ReadYaml(string yaml, string what) =>
        [.. Manifests.ReadDocuments(yaml, what).Select(d => d.Root)];
}
