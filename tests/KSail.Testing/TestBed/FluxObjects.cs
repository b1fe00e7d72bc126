using System.Text.Json;
using k8s;

namespace KSail.Testing.TestBed;

/// <summary>Flux objects as a user's cluster would hold them, created through the real API server.</summary>
public static class FluxObjects
{
    /// <summary>The Kustomization API group.</summary>
    public const string KustomizeGroup = "kustomize.toolkit.fluxcd.io";

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
