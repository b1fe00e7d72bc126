using System.Text.Json;
using k8s;

namespace KSail.Testing.TestBed;

/// <summary>Flux objects as a user's cluster would hold them, created through the real API server.</summary>
public static class FluxObjects
{
    /// <summary>The Kustomization API group.</summary>
    public const string KustomizeGroup = "kustomize.toolkit.fluxcd.io";

    /// <summary>The OCIRepository API group.</summary>
    public const string SourceGroup = "source.toolkit.fluxcd.io";

    /// <summary>
    /// Creates a <c>source.toolkit.fluxcd.io/v1</c> OCIRepository <paramref name="name"/> in
    /// <paramref name="namespace"/> following tag <c>dev</c> of <paramref name="url"/> (insecure, every
    /// 1m, as KSail.NET's bootstrap writes it for a local registry) with <paramref name="labels"/>; returns its generation.
    /// </summary>
    public static async Task<long> CreateOciRepositoryAsync(IKubernetes client, string @namespace, string name, string url, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
            new Dictionary<string, object>
            {
                ["apiVersion"] = $"{SourceGroup}/v1",
                ["kind"] = "OCIRepository",
                ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["labels"] = labels },
                ["spec"] = new Dictionary<string, object> { ["interval"] = "1m", ["url"] = url, ["ref"] = new Dictionary<string, object> { ["tag"] = "dev" }, ["insecure"] = true },
            },
            SourceGroup,
            "v1",
            @namespace,
            "ocirepositories",
            cancellationToken: ct).ConfigureAwait(false);
        return created.GetProperty("metadata").GetProperty("generation").GetInt64();
    }

    /// <summary>
    /// The <c>status.artifact</c> source-controller writes for <paramref name="revision"/>
    /// (<c>&lt;tag&gt;@sha256:&lt;hex&gt;</c>): the fields the OCIRepository CRD requires.
    /// </summary>
    public static object Artifact(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return new
        {
            revision,
            digest = revision[(revision.IndexOf('@', StringComparison.Ordinal) + 1)..],
            path = "ocirepository/flux-system.tar.gz",
            url = "http://source-controller/ocirepository/flux-system.tar.gz",
            lastUpdateTime = "2024-01-01T00:00:00Z",
        };
    }

    /// <summary>
    /// Creates a <c>kustomize.toolkit.fluxcd.io/v1</c> Kustomization <paramref name="name"/> in
    /// <paramref name="namespace"/> (path <c>./k8s</c> of OCIRepository <c>flux-system</c>, every 10m, pruned)
    /// with <paramref name="labels"/>; returns its generation.
    /// </summary>
    public static async Task<long> CreateKustomizationAsync(IKubernetes client, string @namespace, string name, IReadOnlyDictionary<string, string>? labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = new Dictionary<string, object> { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = labels;
        }

        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
            new Dictionary<string, object>
            {
                ["apiVersion"] = $"{KustomizeGroup}/v1",
                ["kind"] = "Kustomization",
                ["metadata"] = metadata,
                ["spec"] = new Dictionary<string, object>
                {
                    ["interval"] = "10m",
                    ["path"] = "./k8s",
                    ["prune"] = true,
                    ["sourceRef"] = new Dictionary<string, object> { ["kind"] = "OCIRepository", ["name"] = "flux-system" },
                },
            },
            KustomizeGroup,
            "v1",
            @namespace,
            "kustomizations",
            cancellationToken: ct).ConfigureAwait(false);
        return created.GetProperty("metadata").GetProperty("generation").GetInt64();
    }
}
