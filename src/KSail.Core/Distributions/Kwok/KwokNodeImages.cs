using KSail.Core.Providers;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// Images in a KWOK cluster: none. Its nodes are Node objects the kwok controller plays kubelets for;
/// no containerd runs a Pod, so <c>workload import</c> has no node to load into (it says the cluster
/// has no nodes that run Pods).
/// </summary>
internal sealed class KwokNodeImages : INodeImages
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Ctr { get; } = ["ctr", "--namespace=k8s.io"];

    /// <inheritdoc/>
    public bool HoldsImages(ContainerSummary node) => false;

    /// <inheritdoc/>
    public Task<string?> SnapshotterAsync(IContainerProvider provider, string node, CancellationToken ct = default) => Task.FromResult<string?>(null);
}
