namespace KSail.Core.Lifecycle;

/// <summary>The cluster a delete removes.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="KubeconfigPath">The kubeconfig file its context is removed from; null for none.</param>
/// <param name="DeleteStorage">Also remove the volumes of its registries (KSail's <c>--delete-storage</c>).</param>
public sealed record DeleteTarget(string Name, string? KubeconfigPath, bool DeleteStorage = false);
