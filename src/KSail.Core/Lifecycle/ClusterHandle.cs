using KSail.Core.Configuration.Model;

namespace KSail.Core.Lifecycle;

/// <summary>A running cluster as a build script uses it.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Distribution">Vanilla or K3s.</param>
/// <param name="KubeconfigPath">The kubeconfig file that holds <paramref name="ContextName"/>.</param>
/// <param name="ContextName">The context, as the distribution's tool names it.</param>
/// <param name="Server">The API server's address.</param>
public sealed record ClusterHandle(string Name, Distribution Distribution, string KubeconfigPath, string ContextName, Uri Server);
