namespace KSail.Core.Lifecycle;

/// <summary>The cluster a delete removes.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="KubeconfigPath">The kubeconfig file its context is removed from; null for none.</param>
public sealed record DeleteTarget(string Name, string? KubeconfigPath);
