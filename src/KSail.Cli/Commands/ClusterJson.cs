using System.Text.Json;
using KSail.Core.Lifecycle;

namespace KSail.Cli.Commands;

/// <summary>The <c>--output json</c> documents of <c>cluster list</c> and <c>cluster info</c>.</summary>
internal static class ClusterJson
{
    /// <summary><c>[{"name", "distribution", "nodes": [{"name", "state"}]}]</c>.</summary>
    public static void WriteList(CliContext context, IReadOnlyList<ClusterSummary> clusters) =>
        context.WriteLine(JsonSerializer.Serialize(clusters.Select(Summary).ToList(), OutputFormats.JsonOptions));

    /// <summary>
    /// <c>{"name", "distribution", "nodes", "running", "api", "context", "components": [{"name", "version", "installedBy", "namespace"}], "registry"}</c>;
    /// api, context and components are null when the cluster is not running; registry (the running local
    /// registry as the host pushes to it, <c>localhost:5050</c>) is null when there is none.
    /// </summary>
    public static void WriteInfo(CliContext context, ClusterDescription cluster)
    {
        cluster.ApiFailure?.Throw();
        var summary = Summary(cluster.Summary);
        var document = new InfoDocument(summary.Name, summary.Distribution, summary.Nodes, cluster.Running, cluster.Server?.ToString(), cluster.ContextName, cluster.Components, cluster.Registry);
        context.WriteLine(JsonSerializer.Serialize(document, OutputFormats.JsonOptions));
    }

    /// <summary>
    /// The plan of <c>cluster create --dry-run --output json</c>:
    /// <c>{"name", "distribution", "provider", "context", "kubeconfig", "nodes": [{"name", "role", "image"}], "images"}</c>,
    /// where images are the distinct images of the nodes (load balancer included) and of the registries, sorted ordinally.
    /// </summary>
    public static void WritePlan(CliContext context, KSail.Core.Configuration.ClusterDefinition cluster)
    {
        var nodes = cluster.Nodes.Select(n => new PlannedNodeDocument(n.Name, n.Role.ToString(), n.Image)).ToList();
        var images = cluster.Nodes.Select(n => n.Image).Concat(cluster.Registries.Select(r => r.Image)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var document = new PlanDocument(
            cluster.Name, cluster.Distribution.ToString(), cluster.Provider.ToString(), cluster.ContextName, cluster.KubeconfigPath, nodes, images);
        context.WriteLine(JsonSerializer.Serialize(document, OutputFormats.JsonOptions));
    }

    /// <summary>
    /// The created cluster of <c>cluster create --output json</c>: <c>{"name", "distribution", "context", "kubeconfig", "api"}</c>,
    /// kubeconfig the file the context was written to (never its content: it holds the client key).
    /// </summary>
    public static void WriteCreated(CliContext context, KSail.Core.Configuration.ClusterDefinition definition, KSail.Core.Distributions.CreatedCluster created) =>
        context.WriteLine(JsonSerializer.Serialize(
            new CreatedDocument(created.Name, definition.Distribution.ToString(), created.ContextName, definition.KubeconfigPath, created.Server.ToString()),
            OutputFormats.JsonOptions));

    private static ClusterDocument Summary(ClusterSummary cluster) =>
        new(cluster.Name, cluster.Distribution, cluster.Nodes.Select(n => new NodeDocument(n.Name, n.State)).ToList());

    private sealed record NodeDocument(string Name, string State);

    private sealed record PlannedNodeDocument(string Name, string Role, string Image);

    private sealed record PlanDocument(
        string Name,
        string Distribution,
        string Provider,
        string Context,
        string Kubeconfig,
        IReadOnlyList<PlannedNodeDocument> Nodes,
        IReadOnlyList<string> Images);

    private sealed record CreatedDocument(string Name, string Distribution, string Context, string Kubeconfig, string Api);

    private sealed record ClusterDocument(string Name, string Distribution, IReadOnlyList<NodeDocument> Nodes);

    private sealed record InfoDocument(
        string Name,
        string Distribution,
        IReadOnlyList<NodeDocument> Nodes,
        bool Running,
        string? Api,
        string? Context,
        IReadOnlyList<KSail.Core.Components.InstalledComponent>? Components,
        string? Registry);
}
