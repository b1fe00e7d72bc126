using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <summary>
/// The JSON Schema of ksail.yaml, generated from the model with System.Text.Json's schema exporter,
/// so editors can check files as they are written (<c># yaml-language-server: $schema=...</c>).
/// The copy in <c>schemas/ksail.schema.json</c> is checked against this by the tests.
/// </summary>
public static class ClusterConfigSchema
{
    /// <summary>The schema, as indented JSON text ending in a newline.</summary>
    public static string Generate()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            Converters = { new JsonStringEnumConverter() },
        };
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Describe,
        };

        var schema = (JsonObject)options.GetJsonSchemaAsNode(typeof(KSailClusterConfig), exporter);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "ksail.yaml",
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        root["required"] = new JsonArray("apiVersion", "kind");
        Constrain(root, "apiVersion", ClusterConfigLoader.ApiVersion);
        Constrain(root, "kind", ClusterConfigLoader.Kind);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static void Constrain(JsonObject root, string property, string value)
    {
        if (root["properties"]?[property] is JsonObject node)
        {
            node["const"] = value;
        }
    }

    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        // Every field may be left out; "null" in a type list only adds noise for editors.
        if (node["type"] is JsonArray types && types.Count == 2 && types.Any(t => t?.GetValue<string>() == "null"))
        {
            node["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
        }

        if (node["enum"] is JsonArray values)
        {
            foreach (var nullValue in values.Where(v => v is null).ToList())
            {
                values.Remove(nullValue);
            }
        }

        var provider = context.PropertyInfo?.AttributeProvider ?? (context.PropertyInfo is null ? context.TypeInfo.Type : null);
        var description = provider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false).OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
        if (description is not null && node["description"] is null)
        {
            node.Insert(0, "description", description);
        }

        return node;
    }
}
