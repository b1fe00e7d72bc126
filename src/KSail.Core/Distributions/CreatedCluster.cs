namespace KSail.Core.Distributions;

/// <summary>A cluster that was created: how to reach it.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="ContextName">The kubeconfig context, as the distribution's tool names it.</param>
/// <param name="Server">The API endpoint reachable from the host.</param>
/// <param name="Kubeconfig">A kubeconfig holding only this cluster (it carries a client key: never log it).</param>
public sealed record CreatedCluster(string Name, string ContextName, Uri Server, string Kubeconfig);
