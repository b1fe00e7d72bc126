using System.Text.Json;
using k8s;

namespace KSail.Testing.TestBed;

/// <summary>Argo CD Applications as a user's cluster would hold them, created through the real API server.</summary>
public static class ArgoObjects
{
    /// <summary>The Application API group.</summary>
    public const string Group = "argoproj.io";

    /// <summary>
    /// Creates an <c>argoproj.io/v1alpha1</c> Application <paramref name="name"/> in <paramref name="namespace"/>
    /// with <paramref name="labels"/>, its source path <c>.</c> at revision <c>dev</c> of <paramref name="repoUrl"/>.
    /// </summary>
    public static Task<JsonElement> CreateApplicationAsync(IKubernetes client, string @namespace, string name, IReadOnlyDictionary<string, string> labels, string repoUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
            new Dictionary<string, object>
            {
                ["apiVersion"] = $"{Group}/v1alpha1",
                ["kind"] = "Application",
                ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["labels"] = labels },
                ["spec"] = new Dictionary<string, object>
                {
                    ["project"] = "default",
                    ["source"] = new Dictionary<string, object> { ["repoURL"] = repoUrl, ["path"] = ".", ["targetRevision"] = "dev" },
                    ["destination"] = new Dictionary<string, object> { ["server"] = "https://kubernetes.default.svc", ["namespace"] = "default" },
                },
            },
            Group,
            "v1alpha1",
            @namespace,
            "applications",
            cancellationToken: ct);
    }

    /// <summary>
    /// The status Argo CD's application controller writes: <paramref name="sync"/> and <paramref name="health"/>
    /// at <paramref name="revision"/>, compared to the source at <paramref name="comparedRevision"/> of <paramref name="repoUrl"/>.
    /// </summary>
    public static object Status(string sync, string health, string revision, string comparedRevision, string repoUrl, string? healthMessage = null) => new
    {
        sync = new
        {
            status = sync,
            revision,
            comparedTo = new
            {
                source = new { repoURL = repoUrl, path = ".", targetRevision = comparedRevision },
                destination = new { server = "https://kubernetes.default.svc", @namespace = "default" },
            },
        },
        health = new { status = health, message = healthMessage },
    };
}
