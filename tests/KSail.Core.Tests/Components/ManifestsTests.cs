using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Components;
using KSail.Testing;

namespace KSail.Core.Tests.Components;

/// <summary>
/// Manifests are read as Kubernetes reads YAML (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1): the expected
/// values below are what sigs.k8s.io/yaml 1.3.0's YAMLToJSON gives for the same text.
/// </summary>
public sealed class ManifestsTests
{
    private const string ConfigMapA = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The value of 'v' in a one-line document, as JSON text.
    private static string Value(string yaml) => Single($"v: {yaml}")["v"]?.ToJsonString(Unescaped) ?? "null";

    private static JsonObject Single(string yaml) => Assert.IsType<JsonObject>(Assert.Single(Manifests.ReadDocuments(yaml, "test.yaml")).Root);

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-5", "-5")]
    [InlineData("+5", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("0755", "493")] // YAML 1.1 octal, as a file mode is written
    [InlineData("0o17", "15")]
    [InlineData("0x1F", "31")]
    [InlineData("-0x10", "-16")]
    [InlineData("0b101", "5")]
    [InlineData("9223372036854775808", "9223372036854775808")] // beyond long: go-yaml's uint64
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("08", "8")] // not octal, so a float
    public void Numbers_are_typed_as_go_yaml_v2_types_them(string yaml, string json) => Assert.Equal(json, Value(yaml));

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("on", "true")]
    [InlineData("y", "true")]
    [InlineData("Y", "true")]
    [InlineData("false", "false")]
    [InlineData("no", "false")]
    [InlineData("NO", "false")]
    [InlineData("off", "false")]
    [InlineData("n", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("", "null")]
    public void Booleans_and_nulls_are_the_YAML_1_1_words(string yaml, string json) => Assert.Equal(json, Value(yaml));

    [Theory]
    [InlineData("'1'", "\"1\"")]
    [InlineData("\"0755\"", "\"0755\"")]
    [InlineData("'yes'", "\"yes\"")]
    [InlineData("\"~\"", "\"~\"")]
    [InlineData("''", "\"\"")]
    [InlineData("yEs", "\"yEs\"")]
    [InlineData("1:30", "\"1:30\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("2001-12-14", "\"2001-12-14\"")] // a timestamp stays a string
    [InlineData("<<", "\"<<\"")]
    [InlineData("!!str 5", "\"5\"")]
    [InlineData("!custom 5", "\"5\"")]
    [InlineData("! 5", "\"5\"")]
    public void Quoted_scalars_other_words_and_other_tags_stay_strings(string yaml, string json) => Assert.Equal(json, Value(yaml));

    [Theory]
    [InlineData("!!int \"5\"", "5")]
    [InlineData("!!int 0755", "493")]
    [InlineData("!!float 5", "5")]
    [InlineData("!!bool \"no\"", "false")]
    [InlineData("!!null ~", "null")]
    [InlineData("!!binary aGVsbG8=", "\"hello\"")]
    public void A_standard_tag_types_even_a_quoted_scalar(string yaml, string json) => Assert.Equal(json, Value(yaml));

    [Fact]
    public void Block_scalars_stay_strings()
    {
        var item = Single("a: |\n  5\nb: |-\n  true\nc: >\n  0755\n  ~\nd: >-\n  yes\n");

        Assert.Equal("5\n", item["a"]!.GetValue<string>());
        Assert.Equal("true", item["b"]!.GetValue<string>());
        Assert.Equal("0755 ~\n", item["c"]!.GetValue<string>());
        Assert.Equal("yes", item["d"]!.GetValue<string>());
    }

    [Fact]
    public void Mapping_keys_are_typed_too_and_written_as_JSON_keys()
    {
        var item = Single("yes: 1\nn: 2\n0x10: 3\n1.50: 4\n1e6: 5\n'on': 6\n");

        Assert.Equal(["true", "false", "16", "1.5", "1e+06", "on"], item.Select(p => p.Key));
    }

    [Fact]
    public void A_merge_key_merges_in_place_as_go_yaml_v2_merges()
    {
        var item = Single("""
            base: &base {image: a, replicas: 1}
            extra: &extra {image: b, port: 80}
            before:
              image: mine
              <<: *base
            after:
              <<: *base
              image: mine
            list:
              <<: [*base, *extra]
            """);

        // What comes later wins, in place: a merge overrides a key before it; a key after it overrides the merge.
        Assert.Equal("""{"image":"a","replicas":1}""", item["before"]!.ToJsonString());
        Assert.Equal("""{"image":"mine","replicas":1}""", item["after"]!.ToJsonString());

        // Of a list of mappings, the earlier ones win.
        Assert.Equal("""{"image":"a","port":80,"replicas":1}""", new JsonObject(item["list"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString());
    }

    [Theory]
    [InlineData("v: .inf\n", "(line 1, column 4): .inf is not a number JSON can hold")]
    [InlineData("v: !!int abc\n", "(line 1, column 4): !!int cannot hold `abc`")]
    [InlineData("~: 1\n", "(line 1, column 1): a mapping key cannot be null")]
    [InlineData("? [1, 2]\n: x\n", "(line 1, column 3): a mapping key must be a scalar")]
    [InlineData("v:\n  <<: 5\n", "(line 2, column 7): a merge key (<<) takes a mapping or a list of mappings")]
    [InlineData("v: &x [*x]\n", "an alias refers to a node that contains it")]
    public void What_has_no_JSON_form_is_refused_with_where_it_is(string yaml, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Manifests.ReadDocuments(yaml, "test.yaml"));

        Assert.StartsWith("test.yaml cannot be converted to JSON ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_YAML_is_refused_with_where_it_breaks()
    {
        var ex = Assert.Throws<FormatException>(() => Manifests.Read(ConfigMapA + "data: [x\n", "broken.yaml"));

        Assert.StartsWith("broken.yaml is not valid YAML (line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_gives_its_objects_in_order_and_skips_empty_documents()
    {
        var yaml = "---\n---\n" + ConfigMapA + "---\n# only a comment\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b, namespace: x}\n---\n";

        var documents = Manifests.ReadDocuments(yaml, "stream.yaml");
        var objects = Manifests.Read(yaml, "stream.yaml");

        Assert.Contains(documents, d => d.Root is null);
        Assert.Equal(["ConfigMap a", "Secret x/b"], objects.Select(Manifests.Describe));
    }

    [Fact]
    public void A_List_is_flattened_into_its_items_in_place()
    {
        var yaml = "apiVersion: v1\nkind: List\nitems:\n- " + ConfigMapA.Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd()
            + "\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: b}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\n";

        var objects = Manifests.Read(yaml, "list.yaml");

        Assert.Equal(["ConfigMap a", "Secret b", "Service c"], objects.Select(Manifests.Describe));
        Assert.All(objects, o => Assert.Null(o.Parent));
    }

    [Theory]
    [InlineData("kind: ConfigMap\nmetadata:\n  name: a\n")]
    [InlineData("apiVersion: v1\nmetadata:\n  name: a\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: a\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\n")]
    [InlineData("apiVersion: v1\nkind: 5\nmetadata:\n  name: a\n")]
    [InlineData("- apiVersion: v1\n")]
    public void A_document_without_apiVersion_kind_and_name_is_refused_with_its_file_line_and_column(string document)
    {
        var ex = Assert.Throws<FormatException>(() => Manifests.Read(ConfigMapA + "---\n" + document, "m.yaml"));

        Assert.Equal("m.yaml(6,1): a manifest document needs apiVersion, kind and metadata.name", ex.Message);
    }

    [Fact]
    public void A_List_item_without_a_name_is_refused()
    {
        var ex = Assert.Throws<FormatException>(() => Manifests.Read("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n", "list.yaml"));

        Assert.Equal("list.yaml(1,1): items[0] of the List needs apiVersion, kind and metadata.name", ex.Message);
    }

    [Fact]
    public void Argo_CDs_install_manifest_gives_its_59_objects()
    {
        var objects = Manifests.Read(File.ReadAllText(RepositoryPaths.UpstreamFile("argocd/install.yaml")), "argocd/install.yaml");

        Assert.Equal(59, objects.Count);
        Assert.Equal(3, objects.Count(o => Manifests.Kind(o) == "CustomResourceDefinition"));
        Assert.Equal(59, objects.Select(Manifests.Describe).Distinct(StringComparer.Ordinal).Count());
        var server = objects.Single(o => Manifests.Describe(o) == "Service argocd-server");
        Assert.Equal(80, server["spec"]!["ports"]![0]!["port"]!.GetValue<long>());
    }

    [Fact]
    public void Local_path_provisioners_manifest_gives_its_kinds_in_order()
    {
        var objects = Manifests.Read(File.ReadAllText(RepositoryPaths.UpstreamFile("local-path/local-path-storage.yaml")), "local-path-storage.yaml");

        Assert.Equal(
            ["Namespace", "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Deployment", "StorageClass", "ConfigMap"],
            objects.Select(Manifests.Kind));
        var deployment = objects.Single(o => Manifests.Kind(o) == "Deployment");
        Assert.Equal(1, deployment["spec"]!["replicas"]!.GetValue<long>());
        var config = objects.Single(o => Manifests.Kind(o) == "ConfigMap");
        Assert.StartsWith("{", config["data"]!["config.json"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
