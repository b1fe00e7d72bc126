using KSail.Core.Configuration.Model;

namespace KSail.Core.Providers;

/// <summary>
/// Where nodes run, in the words the lifecycle needs and nothing more: nodes found, started, stopped
/// and removed by their labels, the host address a node's port is published on, and a file read
/// from a node (the kubeconfig). It knows nothing about Kubernetes. Every provider is one folder
/// under <c>Providers/</c>; <see cref="ProviderFactory"/> connects to the one <c>spec.cluster.provider</c> names.
/// </summary>
/// <remarks>
/// kind's counterpart is <c>pkg/cluster/internal/providers/provider.go</c>. A provider whose nodes
/// are not containers (a cloud's servers) implements this interface only; container-node
/// distributions need <see cref="IContainerProvider"/>.
/// </remarks>
public interface IProvider : IDisposable
{
    /// <summary>The <c>spec.cluster.provider</c> value this provider serves.</summary>
    Provider Id { get; }

    /// <summary>The nodes that carry every one of <paramref name="labels"/>, ordered by name.</summary>
    Task<IReadOnlyList<ContainerSummary>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct = default);

    /// <summary>The nodes that carry at least one of <paramref name="anyOf"/> (label and value), ordered by name.</summary>
    Task<IReadOnlyList<ContainerSummary>> ListAnyAsync(IReadOnlyCollection<KeyValuePair<string, string>> anyOf, CancellationToken ct = default);

    /// <summary>Starts a stopped node.</summary>
    Task StartAsync(string node, CancellationToken ct = default);

    /// <summary>Stops a node (asked to stop, then killed after <paramref name="grace"/>).</summary>
    Task StopAsync(string node, TimeSpan grace, CancellationToken ct = default);

    /// <summary>Removes every node, network and volume that carries every one of <paramref name="labels"/>.</summary>
    Task<RemovedResources> RemoveAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct = default);

    /// <summary>Removes every node, network and volume that carries at least one of <paramref name="anyOf"/> (label and value).</summary>
    Task<RemovedResources> RemoveAnyAsync(IReadOnlyCollection<KeyValuePair<string, string>> anyOf, CancellationToken ct = default);

    /// <summary>The host address (empty for every address) and port a node's port is published on, or null.</summary>
    Task<(string Address, int Port)?> HostBindingAsync(string node, int port, string protocol = "tcp", CancellationToken ct = default);

    /// <summary>The host port a node's port is published on, or null.</summary>
    Task<int?> HostPortAsync(string node, int port, string protocol = "tcp", CancellationToken ct = default);

    /// <summary>Reads one file out of a node.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist on the node.</exception>
    Task<byte[]> ReadFileAsync(string node, string path, CancellationToken ct = default);
}
