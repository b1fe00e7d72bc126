using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;

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

    /// <summary>
    /// The native config, under the field its distribution names (<see cref="INativeConfigFormat.StateKey"/>:
    /// <c>kind</c>, <c>k3d</c>) at the top of the file, its secrets redacted. Fields of the file this
    /// version does not know are kept here too.
    /// </summary>
    /// <remarks>A dictionary of elements, not a JsonObject: System.Text.Json writes an indented JsonObject extension as a nested object.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? NativeConfigs { get; init; }

    /// <summary>
    /// SHA-256 of the spec (distribution, declaration without its connection settings, native
    /// config): equal hashes mean the same cluster, so a test run may reuse it.
    /// </summary>
    public string? SpecHash { get; init; }

    /// <summary>The saved native config of the cluster's distribution, or null when none was saved.</summary>
    [JsonIgnore]
    public JsonObject? Native =>
        DistributionRegistry.Find(Distribution) is { } distribution && NativeConfigs?.GetValueOrDefault(distribution.Config.StateKey) is { ValueKind: JsonValueKind.Object } native
            ? JsonObject.Create(native)
            : null;
}
