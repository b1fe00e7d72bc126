using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Distributions;
using KSail.Core.Kubeconfig;

namespace KSail.Core.State;

/// <summary>
/// Keeps each cluster's desired spec in <c>~/.ksail/clusters/&lt;name&gt;/spec.json</c>: Vanilla and K3s
/// clusters cannot be asked for their spec, so this is what <c>cluster update</c> diffs against.
/// Written atomically; secrets (tokens, passwords) never reach the file.
/// </summary>
public sealed class ClusterStateStore
{
    /// <summary>What replaces a secret in the file.</summary>
    public const string Redacted = "<redacted>";

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
        var format = DistributionRegistry.For(cluster.Distribution).Config;
        var native = NativeNode(cluster);
        var state = new ClusterState
        {
            Name = cluster.Name,
            Distribution = cluster.Distribution,
            CreatedAt = createdAt,
            Declared = RedactedDeclaration(cluster.Declared),
            NativeConfigs = new(StringComparer.Ordinal) { [format.StateKey] = JsonSerializer.SerializeToElement(native, SpecJson.Options) },
            SpecHash = HashOf(cluster, native),
        };
        Kubeconfigs.WriteAtomically(PathOf(cluster.Name), JsonSerializer.Serialize(state, SpecJson.Options));
    }

    /// <summary>
    /// ksail.yaml's declaration as the saved spec and plans keep it: a copy with the password of
    /// <c>spec.cluster.localRegistry.registry</c> (read from its <c>${VAR}</c>) replaced by
    /// <see cref="Registries.RegistryReference.RedactedPassword"/>.
    /// </summary>
    public static Configuration.Model.KSailClusterConfig RedactedDeclaration(Configuration.Model.KSailClusterConfig declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (declared.Spec?.Cluster?.LocalRegistry?.Registry is not { } registry || Registries.RegistryReference.Redact(registry) == registry)
        {
            return declared;
        }

        var copy = JsonSerializer.Deserialize<Configuration.Model.KSailClusterConfig>(JsonSerializer.Serialize(declared, SpecJson.Options), SpecJson.Options)!;
        copy.Spec!.Cluster!.LocalRegistry!.Registry = Registries.RegistryReference.Redact(registry);
        return copy;
    }

    /// <summary>The native config of <paramref name="cluster"/> as the saved spec keeps it (secrets redacted).</summary>
    public static JsonObject NativeNode(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var format = DistributionRegistry.For(cluster.Distribution).Config;
        return JsonSerializer.SerializeToNode(format.Redacted(cluster.NativeSpec), cluster.NativeSpec.GetType(), SpecJson.Options)!.AsObject();
    }

    /// <summary>
    /// The spec hash of a definition (see <see cref="ClusterState.SpecHash"/>). Where the kubeconfig
    /// goes and the connection's context do not change the cluster, so they are left out.
    /// </summary>
    public static string HashOf(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return HashOf(cluster, NativeNode(cluster));
    }

    // The native-config fields of the saved spec's hash as the first two distributions wrote them (see HashOf).
    private static readonly string[] FieldsInEveryHash = ["kind", "k3d"];

    // The hash with the native config already in its saved form (one redaction per save, not two).
    private static string HashOf(ClusterDefinition cluster, JsonObject native)
    {
        var spec = new JsonObject
        {
            ["distribution"] = cluster.Distribution.ToString(),
            ["declared"] = JsonSerializer.SerializeToNode(cluster.Declared, SpecJson.Options),
        };

        // The fields every hash has carried since the first saved spec, null but the cluster's own, then the cluster's own
        // field: a distribution added later enters only its own clusters' hashes, so a cluster saved before it joined is
        // still reused and updated (ClusterStateShapeTests pins the hashes).
        foreach (var key in FieldsInEveryHash)
        {
            spec[key] = null;
        }

        spec[DistributionRegistry.For(cluster.Distribution).Config.StateKey] = native.DeepClone();

        if (spec["declared"]?["spec"]?["cluster"] is JsonObject declaredCluster)
        {
            declaredCluster.Remove("connection");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(spec.ToJsonString(SpecJson.Options));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }

    /// <summary>The persisted spec of a cluster, or null.</summary>
    public ClusterState? Load(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(path), SpecJson.Options) : null;
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
}
