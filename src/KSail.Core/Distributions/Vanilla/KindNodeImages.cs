using KSail.Core.Images;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// Images in kind's nodes, as kind's <c>load docker-image</c> and <c>load image-archive</c> reach them
/// (kind <c>pkg/cluster/nodeutils/util.go</c>, <c>LoadImageArchive</c>): <c>ctr --namespace=k8s.io</c>
/// on the node's one containerd, unpacking into the snapshotter <c>containerd config dump</c> names.
/// </summary>
internal sealed class KindNodeImages : INodeImages
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Ctr { get; } = ["ctr", "--namespace=k8s.io"];

    /// <inheritdoc/>
    public bool HoldsImages(ContainerSummary node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Labels.GetValueOrDefault(VanillaProvisioner.RoleLabel) is "control-plane" or "worker";
    }

    /// <inheritdoc/>
    /// <exception cref="ProvisioningException">The node's containerd config cannot be read, or names no snapshotter.</exception>
    public async Task<string?> SnapshotterAsync(IContainerProvider provider, string node, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var dump = await provider.ExecAsync(node, ["containerd", "config", "dump"], ct: ct).ConfigureAwait(false);
        try
        {
            return dump.ExitCode == 0
                ? ContainerdSnapshotter.Read(dump.Output)
                : throw new FormatException($"'containerd config dump' exited {dump.ExitCode}: {dump.Error.Trim()}");
        }
        catch (FormatException ex)
        {
            throw new ProvisioningException($"detecting the containerd snapshotter of {node} failed: {ex.Message}", ex);
        }
    }
}
