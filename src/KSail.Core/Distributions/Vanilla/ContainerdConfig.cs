using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using Tomlyn;
using Tomlyn.Model;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// A kind node's containerd config (<c>/etc/containerd/config.toml</c>, FIDELITY K41): kind.yaml's
/// <c>containerdConfigPatches</c> and <c>containerdConfigPatchesJSON6902</c> applied as kind applies
/// them (<c>pkg/internal/patch/toml.go</c>), and the registries the nodes pull through
/// (<see cref="NodeRegistryMirror"/>) as containerd <c>hosts.toml</c> files under the config's
/// <c>config_path</c>, which is set to kind's documented <c>/etc/containerd/certs.d</c> when the
/// config sets none (kindest/node v0.32's config does not: <c>images/base/files/etc/containerd/config.toml</c>).
/// </summary>
/// <remarks>
/// As kind: the config is read as TOML into a JSON document; each merge patch (TOML) is applied as a
/// JSON merge patch (RFC 7386), skipped when it sets a <c>version</c> other than the config's; then
/// each JSON 6902 patch (a JSON list of operations) in order; the result is written back as TOML.
/// A config without a <c>version</c> is refused, as kind refuses it.
/// </remarks>
internal static class ContainerdConfig
{
    /// <summary>Where the node's containerd reads its config.</summary>
    public const string Path = "/etc/containerd/config.toml";

    /// <summary>The <c>config_path</c> kind's local-registry recipe sets (https://kind.sigs.k8s.io/docs/user/local-registry/).</summary>
    public const string CertsDirectory = "/etc/containerd/certs.d";

    /// <summary>
    /// What kind runs after writing the config (<c>actions/config/config.go</c>): containerd restarted
    /// through systemd, unless it is not running.
    /// </summary>
    public static readonly IReadOnlyList<string> RestartCommand = ["bash", "-c", "! pgrep --exact containerd || systemctl restart containerd"];

    // The CRI plugin's table in a version 2 config (kindest/node) and the images plugin's in version 3 (containerd 2.x).
    private const string CriPluginV2 = "io.containerd.grpc.v1.cri";
    private const string ImagesPluginV3 = "io.containerd.cri.v1.images";

    /// <summary>Whether kind.yaml has containerd patches to apply.</summary>
    public static bool HasPatches(KindCluster kind) =>
        kind.ContainerdConfigPatches is { Count: > 0 } || kind.ContainerdConfigPatchesJson6902 is { Count: > 0 };

    /// <summary>Applies kind.yaml's containerd patches to <paramref name="config"/>, as kind's <c>patch.ContainerdTOML</c>.</summary>
    /// <exception cref="FormatException">The config has no version, or a patch is not valid TOML or JSON, or does not apply; the message names the patch.</exception>
    public static string Patch(string config, IReadOnlyList<string>? mergePatches, IReadOnlyList<string>? json6902Patches)
    {
        var document = Read(config, "the node's containerd config");
        var version = Version(document);
        if (version == 0)
        {
            throw new FormatException("the node's containerd config has no version, so containerdConfigPatches cannot be applied (kind: failed to detect containerd config version)");
        }

        var merges = mergePatches ?? [];
        for (var i = 0; i < merges.Count; i++)
        {
            var patch = Read(merges[i], Field("containerdConfigPatches", i));

            // As kind: a patch written for another config version is skipped.
            var patchVersion = Version(patch);
            if (patchVersion != 0 && patchVersion != version)
            {
                continue;
            }

            document = (JsonObject)JsonPatch.Merge(document, patch)!;
        }

        var operations = json6902Patches ?? [];
        for (var i = 0; i < operations.Count; i++)
        {
            var field = Field("containerdConfigPatchesJSON6902", i);
            var list = ReadOperations(operations[i], field);
            try
            {
                document = JsonPatch.Apply(document, list) as JsonObject ?? throw new FormatException("the patched config is not a table");
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{field} does not apply to the node's containerd config: {ex.Message}", ex);
            }
        }

        return Write(document);
    }

    /// <summary>Checks a merge patch's TOML and a JSON 6902 patch's operations, as create will read them.</summary>
    /// <returns>Null when it reads, else what is wrong.</returns>
    public static string? Problem(string patch, bool json6902)
    {
        try
        {
            if (json6902)
            {
                _ = ReadOperations(patch, "the patch");
            }
            else
            {
                _ = Read(patch, "the patch");
            }

            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// The config with the registries' <c>config_path</c> set, and the directory their
    /// <c>hosts.toml</c> files go to. A config that sets <c>config_path</c> is kept (null) and its first
    /// directory is used. A config that configures registries the old way (<c>registry.mirrors</c> or
    /// <c>registry.configs</c>, which containerd refuses together with <c>config_path</c>) gets the
    /// mirrors as <c>registry.mirrors</c> entries instead, for hosts it does not name, and no directory.
    /// </summary>
    /// <exception cref="FormatException">The config is not valid TOML.</exception>
    public static (string? Config, string? HostsDirectory) WithRegistryHosts(string config, IReadOnlyList<NodeRegistryMirror> mirrors)
    {
        ArgumentNullException.ThrowIfNull(mirrors);
        var document = Read(config, "the node's containerd config");
        var plugin = Version(document) >= 3 ? ImagesPluginV3 : CriPluginV2;
        var plugins = Table(document, "plugins");
        var registry = Table(Table(plugins, plugin), "registry");
        if (registry["config_path"] is JsonValue value && value.TryGetValue<string>(out var path) && path.Length > 0)
        {
            return (null, path.Split(':')[0]);
        }

        if (registry["mirrors"] is JsonObject { Count: > 0 } || registry["configs"] is JsonObject { Count: > 0 })
        {
            var legacy = Table(registry, "mirrors");
            foreach (var mirror in mirrors.Where(m => !legacy.ContainsKey(m.Host)))
            {
                legacy[mirror.Host] = new JsonObject { ["endpoint"] = new JsonArray(mirror.Endpoint) };
            }

            return (Write(document), null);
        }

        registry["config_path"] = CertsDirectory;
        return (Write(document), CertsDirectory);
    }

    /// <summary>
    /// The <c>hosts.toml</c> of a registry the nodes pull through, as KSail writes it
    /// (<c>pkg/svc/provisioner/registry/mirror_specs.go</c> <c>GenerateHostsToml</c>): the upstream as
    /// <c>server</c> (the fallback), the endpoint as a host that pulls and resolves.
    /// </summary>
    public static string HostsToml(NodeRegistryMirror mirror)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        var server = mirror.Host == "docker.io" ? "https://registry-1.docker.io" : $"https://{mirror.Host}";
        return $"server = {Quote(server)}\n\n[host.{Quote(mirror.Endpoint)}]\n  capabilities = [\"pull\", \"resolve\"]\n";
    }

    // A TOML basic string (JSON's escapes are TOML's).
    private static string Quote(string value) => JsonSerializer.Serialize(value, Quoting);

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Field(string name, int index) => $"{name}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static JsonObject Table(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject found)
        {
            return found;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    private static int Version(JsonObject document) =>
        document["version"] is JsonValue v && v.TryGetValue<long>(out var version) ? (int)version : 0;

    private static JsonArray ReadOperations(string patch, string field)
    {
        try
        {
            return JsonNode.Parse(patch) as JsonArray ?? throw new FormatException($"{field} is not a JSON list of operations");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{field} is not valid JSON (kind reads JSON 6902 patches as JSON): {ex.Message}", ex);
        }
    }

    // TOML as a JSON document (kind converts with go-toml's ToMap and encoding/json).
    private static JsonObject Read(string toml, string what)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            throw new FormatException($"{what} is not valid TOML: {ex.Message}", ex);
        }

        return ToJson(table);
    }

    private static JsonObject ToJson(TomlTable table)
    {
        var result = new JsonObject();
        foreach (var (key, value) in table)
        {
            result[key] = ToJson(value);
        }

        return result;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        TomlTable table => ToJson(table),
        TomlTableArray tables => new JsonArray([.. tables.Select(t => (JsonNode?)ToJson(t))]),
        TomlArray array => new JsonArray([.. array.Select(v => ToJson(v))]),
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create((long)i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        null => null,
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    // The JSON document back as TOML (kind writes it with BurntSushi/toml, keeping integers integers).
    private static string Write(JsonObject document) => TomlSerializer.Serialize(ToToml(document));

    private static TomlTable ToToml(JsonObject json)
    {
        var table = new TomlTable();
        foreach (var (key, value) in json)
        {
            if (value is not null)
            {
                table[key] = ToToml(value);
            }
        }

        return table;
    }

    private static object ToToml(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                return ToToml(o);
            case JsonArray { Count: > 0 } a when a.All(i => i is JsonObject):
                var tables = new TomlTableArray();
                foreach (var item in a)
                {
                    tables.Add(ToToml((JsonObject)item!));
                }

                return tables;
            case JsonArray a:
                var array = new TomlArray();
                foreach (var item in a.Where(i => i is not null))
                {
                    array.Add(ToToml(item!));
                }

                return array;
            default:
                var v = node.AsValue();
                return v.GetValueKind() switch
                {
                    JsonValueKind.String => v.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when v.TryGetValue<long>(out var l) => l,
                    JsonValueKind.Number => v.GetValue<double>(),
                    _ => v.ToJsonString(),
                };
        }
    }
}
