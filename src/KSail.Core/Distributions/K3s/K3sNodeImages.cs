using System.Text;
using KSail.Core.Images;
using KSail.Core.Providers;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// Images in k3s's nodes: k3s runs its own containerd at its own socket, which k3s's <c>ctr</c>
/// (the multi-call binary k3d's <c>image import</c> runs, k3d <c>pkg/client/tools.go</c>) talks to by
/// default; it is named here, so the command means the same whatever <c>ctr</c> the node has. The
/// snapshotter is the one k3s wrote into its generated containerd config (k3d passes none: containerd's
/// default, the same overlayfs unless k3s was told otherwise).
/// </summary>
internal sealed class K3sNodeImages : INodeImages
{
    /// <summary>The socket of k3s's containerd.</summary>
    internal const string ContainerdSocket = "/run/k3s/containerd/containerd.sock";

    /// <summary>The containerd config k3s generates for its agent at every start.</summary>
    internal const string ContainerdConfigPath = "/var/lib/rancher/k3s/agent/etc/containerd/config.toml";

    /// <inheritdoc/>
    public IReadOnlyList<string> Ctr { get; } = ["ctr", "--address", ContainerdSocket, "--namespace", "k8s.io"];

    /// <inheritdoc/>
    public bool HoldsImages(ContainerSummary node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Labels.GetValueOrDefault(K3sProvisioner.RoleLabel) is "server" or "agent";
    }

    /// <inheritdoc/>
    public async Task<string?> SnapshotterAsync(IContainerProvider provider, string node, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        try
        {
            var config = Encoding.UTF8.GetString(await provider.ReadFileAsync(node, ContainerdConfigPath, ct).ConfigureAwait(false));
            return ContainerdSnapshotter.Read(config);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException)
        {
            // k3s renders its config from a template the user gave (config.toml.tmpl), or keeps it elsewhere:
            // then as k3d, containerd's default.
            return null;
        }
    }
}
