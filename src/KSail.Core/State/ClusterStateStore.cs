using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Configuration.Model;
using KSail.Core.Kubeconfig;

namespace KSail.Core.State;

/// <summary>The desired spec of a created cluster, as persisted for <c>cluster update</c> to diff against.</summary>
public sealed record ClusterState
{
    /// <summary>The cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>The distribution.</summary>
    public required Distribution Distribution { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The ksail.yaml declaration it was created from (after overrides).</summary>
    public required KSailClusterConfig Declared { get; init; }

    /// <summary>The kind config, for Vanilla.</summary>
    public KindCluster? Kind { get; init; }

    /// <summary>The k3d config, for K3s (its token and registry password redacted).</summary>
    public K3dSimpleConfig? K3d { get; init; }

    /// <summary>
    /// SHA-256 of the spec (distribution, declaration without its connection settings, native
    /// config): equal hashes mean the same cluster, so a test run may reuse it.
    /// </summary>
    public string? SpecHash { get; init; }
}

/// <summary>
/// Keeps each cluster's desired spec in <c>~/.ksail/clusters/&lt;name&gt;/spec.json</c>: Vanilla and K3s
/// clusters cannot be asked for their spec, so this is what <c>cluster update</c> diffs against.
/// Written atomically; secrets (tokens, passwords) never reach the file.
/// </summary>
public sealed class ClusterStateStore
{
    /// <summary>What replaces a secret in the file.</summary>
    public const string Redacted = "<redacted>";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates a store under <paramref name="root"/> (default <c>~/.ksail/clusters</c>).</summary>
    public ClusterStateStore(string? root = null) =>
        Root = root ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "clusters");

    /// <summary>The directory holding one folder per cluster.</summary>
    public string Root { get; }

    /// <summary>The file of a cluster's spec.</summary>
    public string PathOf(string name) => Path.Combine(Root, name, "spec.json");

    /// <summary>Persists the desired spec of a cluster, with secrets redacted.</summary>
    public void Save(ClusterDefinition cluster, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var state = new ClusterState
        {
            Name = cluster.Name,
            Distribution = cluster.Distribution,
            CreatedAt = createdAt,
            Declared = cluster.Declared,
            Kind = cluster.Kind,
            K3d = Redact(cluster.K3d),
            SpecHash = HashOf(cluster),
        };
        Kubeconfigs.WriteAtomically(PathOf(cluster.Name), JsonSerializer.Serialize(state, Json));
    }

    /// <summary>
    /// The spec hash of a definition (see <see cref="ClusterState.SpecHash"/>). Where the kubeconfig
    /// goes and the connection's context do not change the cluster, so they are left out.
    /// </summary>
    public static string HashOf(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var spec = new System.Text.Json.Nodes.JsonObject
        {
            ["distribution"] = cluster.Distribution.ToString(),
            ["declared"] = JsonSerializer.SerializeToNode(cluster.Declared, Json),
            ["kind"] = cluster.Kind is null ? null : JsonSerializer.SerializeToNode(cluster.Kind, Json),
            ["k3d"] = cluster.K3d is null ? null : JsonSerializer.SerializeToNode(Redact(cluster.K3d), Json),
        };
        if (spec["declared"]?["spec"]?["cluster"] is System.Text.Json.Nodes.JsonObject declaredCluster)
        {
            declaredCluster.Remove("connection");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(spec.ToJsonString(Json));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }

    /// <summary>The persisted spec of a cluster, or null.</summary>
    public ClusterState? Load(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>Forgets a cluster.</summary>
    public void Delete(string name)
    {
        var directory = Path.Combine(Root, name);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static K3dSimpleConfig? Redact(K3dSimpleConfig? k3d)
    {
        if (k3d is null)
        {
            return null;
        }

        // A copy through JSON, so the definition in memory keeps its secrets.
        var copy = JsonSerializer.Deserialize<K3dSimpleConfig>(JsonSerializer.Serialize(k3d, Json), Json)!;
        if (copy.Token is not null)
        {
            copy.Token = Redacted;
        }

        if (copy.Registries?.Create?.Proxy is { Password: not null } proxy)
        {
            proxy.Password = Redacted;
        }

        return copy;
    }
}
