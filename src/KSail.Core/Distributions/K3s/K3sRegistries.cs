using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Components;
using KSail.Core.Configuration;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// k3s's <c>/etc/rancher/k3s/registries.yaml</c> (FIDELITY D14), the one file every server and agent
/// gets before k3s starts, made as k3d makes it (<c>pkg/client/cluster.go:166-270</c>,
/// <c>pkg/client/registry.go</c> <c>RegistryGenerateK3sConfig</c>, <c>RegistryMergeConfig</c>):
/// <list type="bullet">
/// <item>each registry the cluster uses (k3d.yaml's <c>registries.use</c>, and the one <c>registries.create</c> makes) is a mirror of its own name, at its host
/// port and at its port in the cluster's network (<c>k3d-registry:5000</c>), both pulled from
/// <c>http://&lt;name&gt;:&lt;port&gt;</c>; a pull-through registry is also the mirror of its remote URL;</item>
/// <item>KSail's registries (<see cref="ClusterDefinition.RegistryMirrors"/>: the local registry, the
/// mirrors) are added to <c>registries.config</c> as KSail adds them to k3d.yaml (its endpoint first
/// for a host the config already names);</item>
/// <item>that config is then merged over what k3d generated: a host the config names (under
/// <c>mirrors</c> or <c>configs</c>) is the config's entry, whole; the config's other keys are kept.</item>
/// </list>
/// </summary>
internal static class K3sRegistries
{
    /// <summary>Where k3s reads it (k3d's <c>DefaultRegistriesFilePath</c>).</summary>
    public const string Path = "/etc/rancher/k3s/registries.yaml";

    /// <summary>
    /// The file's text for <paramref name="cluster"/>, with the registries it uses
    /// (<paramref name="created"/>: registries.use's and the one registries.create made), or null when there is nothing to write.
    /// </summary>
    /// <exception cref="FormatException"><c>registries.config</c> is not a YAML map, or its file cannot be read.</exception>
    public static string? Yaml(ClusterDefinition cluster, IReadOnlyList<K3dClusterRegistry> created)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(created);
        var config = UserConfig(cluster);
        if (cluster.RegistryMirrors.Count > 0)
        {
            config ??= [];
            if (config["mirrors"] is not JsonObject mirrors)
            {
                config["mirrors"] = mirrors = [];
            }

            foreach (var mirror in cluster.RegistryMirrors)
            {
                var entry = mirrors[mirror.Host] as JsonObject ?? [];
                var endpoints = entry["endpoint"] as JsonArray ?? [];
                if (!endpoints.Any(e => e is JsonValue v && v.TryGetValue<string>(out var named) && named == mirror.Endpoint))
                {
                    endpoints.Insert(0, mirror.Endpoint);
                }

                entry["endpoint"] = endpoints.DeepClone();
                mirrors[mirror.Host] = entry.DeepClone();
            }
        }

        var generated = Generated(created);
        if (generated is null && config is null)
        {
            return null;
        }

        var result = generated ?? [];
        foreach (var (key, value) in config ?? [])
        {
            if (key is "mirrors" or "configs" && value is JsonObject hosts && result[key] is JsonObject ours)
            {
                foreach (var (host, entry) in hosts)
                {
                    ours[host] = entry?.DeepClone();
                }
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return Write(result);
    }

    /// <summary>
    /// The KEP-1755 <c>local-registry-hosting</c> ConfigMap in <c>kube-public</c> k3d applies for the first
    /// registry it uses (<c>RegistryGenerateLocalRegistryHostingConfigMapYAML</c>): reached from the host
    /// at its host address (0.0.0.0 read as localhost) and host port, from the nodes and the cluster at
    /// its name and port in the cluster's network. The ConfigMap is
    /// <see cref="Registries.LocalRegistryHosting"/>'s, which writes KSail's own local registry's too.
    /// </summary>
    public static string LocalRegistryHosting(K3dClusterRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var host = registry.HostAddress is "0.0.0.0" or "" ? "localhost" : registry.HostAddress;
        var inside = $"{registry.Name}:{registry.InternalPort.ToString(CultureInfo.InvariantCulture)}";
        var hosting = Write(new JsonObject
        {
            ["host"] = $"{host}:{registry.HostPort.ToString(CultureInfo.InvariantCulture)}",
            ["hostFromContainerRuntime"] = inside,
            ["hostFromClusterNetwork"] = inside,
            ["help"] = "https://k3d.io/stable/usage/registries/#using-a-local-registry",
        });
        return Write(Registries.LocalRegistryHosting.ConfigMap(hosting));
    }

    /// <summary>What k3d generates for the registries the cluster uses (null for none).</summary>
    private static JsonObject? Generated(IReadOnlyList<K3dClusterRegistry> created)
    {
        if (created.Count == 0)
        {
            return null;
        }

        var mirrors = new JsonObject();
        foreach (var registry in created)
        {
            var inside = $"{registry.Name}:{registry.InternalPort.ToString(CultureInfo.InvariantCulture)}";
            JsonObject Endpoint() => new() { ["endpoint"] = new JsonArray($"http://{inside}") };
            mirrors[$"{registry.Name}:{registry.HostPort.ToString(CultureInfo.InvariantCulture)}"] = Endpoint();
            mirrors[inside] = Endpoint();
            if (registry.RemoteUrl is { Length: > 0 } remote)
            {
                mirrors[remote] = Endpoint();
            }
        }

        return new JsonObject { ["mirrors"] = mirrors };
    }

    /// <summary>
    /// k3d.yaml's <c>registries.config</c>: the YAML itself when it has a line break, else the path of a
    /// file, relative to k3d.yaml (k3d: <c>pkg/config/transform.go</c>, the embedded or referenced case).
    /// </summary>
    /// <exception cref="FormatException">It is not a YAML map, or its file cannot be read.</exception>
    public static JsonObject? UserConfig(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Native<K3dSimpleConfig>().Registries?.Config is not { Length: > 0 } config)
        {
            return null;
        }

        var text = config;
        if (!K3dFiles.IsContent(config))
        {
            var path = K3dFiles.SourcePath(cluster.DistributionConfigFile, config);
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new FormatException($"registries.config: cannot read {path}: {ex.Message}", ex);
            }
        }

        return Parse(text);
    }

    /// <summary>
    /// A registries.yaml's text with its credentials (<c>configs.&lt;host&gt;.auth</c>: <c>password</c>,
    /// <c>auth</c>, <c>identity_token</c>) replaced by <paramref name="mark"/>, for the saved spec; the text
    /// itself when it holds none (or does not read).
    /// </summary>
    public static string Redacted(string yaml, string mark)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        JsonObject document;
        try
        {
            document = Parse(yaml);
        }
        catch (FormatException)
        {
            return yaml;
        }

        var found = false;
        foreach (var (_, entry) in document["configs"] as JsonObject ?? [])
        {
            if (entry?["auth"] is JsonObject auth)
            {
                foreach (var key in CredentialKeys.Where(auth.ContainsKey))
                {
                    auth[key] = mark;
                    found = true;
                }
            }
        }

        return found ? Write(document) : yaml;
    }

    // k3s's credential fields of a registry's auth (wharfie's AuthConfig).
    private static readonly string[] CredentialKeys = ["password", "auth", "identity_token"];

    /// <summary>A registries.yaml's text as a map.</summary>
    /// <exception cref="FormatException">It is not YAML, or not a map.</exception>
    public static JsonObject Parse(string yaml)
    {
        var root = Manifests.ReadDocuments(yaml, "registries.config").Select(d => d.Root).FirstOrDefault();
        return root switch
        {
            null => [],
            JsonObject map => map,
            _ => throw new FormatException("registries.config is not a map of k3s's registries.yaml (mirrors, configs)"),
        };
    }

    // Block-style YAML, every scalar quoted as JSON quotes it (a JSON string is a YAML double-quoted scalar).
    private static string Write(JsonObject document)
    {
        var sb = new StringBuilder();
        WriteMap(sb, document, 0);
        return sb.ToString();
    }

    private static void WriteMap(StringBuilder sb, JsonObject map, int indent)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                sb.Append(" {}\n");
                break;
            case JsonObject o:
                sb.Append('\n');
                WriteMap(sb, o, indent + 2);
                break;
            case JsonArray { Count: 0 }:
                sb.Append(" []\n");
                break;
            case JsonArray a:
                sb.Append('\n');
                foreach (var item in a)
                {
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is JsonObject or JsonArray)
                    {
                        sb.Append(' ').Append(item.ToJsonString()).Append('\n');
                    }
                    else
                    {
                        sb.Append(' ').Append(Value(item)).Append('\n');
                    }
                }

                break;
            default:
                sb.Append(' ').Append(Value(value)).Append('\n');
                break;
        }
    }

    private static string Value(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? Scalar(v.GetValue<string>())
        : value?.ToJsonString() ?? "null";

    private static string Scalar(string text) => JsonSerializer.Serialize(text, Quoting);

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
