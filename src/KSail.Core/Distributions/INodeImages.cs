using KSail.Core.Providers;

namespace KSail.Core.Distributions;

/// <summary>
/// Where a distribution's nodes keep the images their Pods run: which nodes hold them, and how
/// <c>ctr</c> reaches the containerd (and snapshotter) the kubelet uses. What is the same for every
/// distribution (the import, export and listing commands, the platform pinning, the image IDs) lives
/// once in <c>Images/</c>; this is only what differs.
/// </summary>
public interface INodeImages
{
    /// <summary>
    /// <c>ctr</c> up to its subcommand, aimed at the kubelet's containerd and its <c>k8s.io</c>
    /// namespace (kind: <c>ctr --namespace=k8s.io</c>; k3s: k3s's own containerd socket).
    /// </summary>
    IReadOnlyList<string> Ctr { get; }

    /// <summary>Whether <paramref name="node"/> runs Pods, so holds their images (control planes and workers; not a load balancer).</summary>
    bool HoldsImages(ContainerSummary node);

    /// <summary>
    /// The snapshotter an import unpacks into (the one the kubelet's containerd uses), read from the
    /// node; null when the distribution's tool leaves it to containerd's default.
    /// </summary>
    Task<string?> SnapshotterAsync(IContainerProvider provider, string node, CancellationToken ct = default);
}
