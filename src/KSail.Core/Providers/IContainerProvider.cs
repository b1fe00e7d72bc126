using System.Text.RegularExpressions;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Providers;

/// <summary>
/// A provider whose nodes are containers: what container-node distributions (Vanilla, K3s) need
/// on top of <see cref="IProvider"/> to build their nodes, as kind's and k3d's providers run them.
/// </summary>
public interface IContainerProvider : IProvider
{
    /// <summary>
    /// What the host the containers run on is like (cgroup version, rootless, user namespaces, MTU,
    /// proxies, operating system), read once per connection on first use (kind's <c>ProviderInfo</c>).
    /// </summary>
    Task<HostInfo> HostAsync(CancellationToken ct = default);

    /// <summary>Creates the network unless a network of that name exists; returns its id.</summary>
    Task<string> EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct = default);

    /// <summary>Creates the named volume with <paramref name="labels"/> unless it exists; returns whether it was created now.</summary>
    Task<bool> EnsureVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct = default);

    /// <summary>Removes the named volume unless a container still uses it; returns whether it was removed.</summary>
    Task<bool> RemoveUnusedVolumeAsync(string name, CancellationToken ct = default);

    /// <summary>Whether the image is present.</summary>
    Task<bool> ImageExistsAsync(string image, CancellationToken ct = default);

    /// <summary>Pulls the image unless it is present, reporting progress.</summary>
    /// <exception cref="ProvisioningException">The pull failed; the message names the image.</exception>
    Task EnsureImageAsync(string image, CancellationToken ct = default);

    /// <summary>The image as the engine has it (its ID and platform), or null when the engine does not have it.</summary>
    Task<HostImage?> InspectImageAsync(string image, CancellationToken ct = default);

    /// <summary>Writes the images to <paramref name="destination"/> as one archive, as <c>docker save</c> does.</summary>
    Task SaveImagesAsync(IReadOnlyList<string> images, Stream destination, CancellationToken ct = default);

    /// <summary>The platform a container runs (its image's OS, architecture and variant).</summary>
    Task<ImagePlatform> PlatformAsync(string container, CancellationToken ct = default);

    /// <summary>Creates and starts a container, adjusted to the host's quirks; returns its id.</summary>
    Task<string> RunAsync(ContainerSpec spec, CancellationToken ct = default);

    /// <summary>Runs a command in a running container, optionally feeding it standard input.</summary>
    Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, byte[]? standardInput = null, CancellationToken ct = default);

    /// <summary>
    /// Runs a command in a running container with its standard input read from <paramref name="input"/>
    /// and its standard output written to <paramref name="output"/> as they stream (archives too large
    /// to hold in memory); the result's <see cref="ExecResult.Output"/> is empty when an output stream is given.
    /// </summary>
    Task<ExecResult> ExecStreamingAsync(string container, IReadOnlyList<string> command, Stream? input, Stream? output, CancellationToken ct = default);

    /// <summary>Writes one file into a container (its directory must exist).</summary>
    Task WriteFileAsync(string container, string path, byte[] content, int mode = 420, CancellationToken ct = default);

    /// <summary>The last <paramref name="lines"/> lines a container logged (standard output and error).</summary>
    Task<string> LogsAsync(string container, int lines = 50, CancellationToken ct = default);

    /// <summary>Follows a container's log until a line contains <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    Task WaitForLogAsync(string container, string text, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Follows a container's log until a line matches <paramref name="pattern"/> (as kind's <c>WaitUntilLogRegexpMatches</c>).</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    Task WaitForLogAsync(string container, Regex pattern, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>The subnets of a network (its IPAM config).</summary>
    Task<IReadOnlyList<string>> NetworkSubnetsAsync(string network, CancellationToken ct = default);

    /// <summary>Joins a running container to a network; nothing happens when it is joined already.</summary>
    Task ConnectNetworkAsync(string container, string network, CancellationToken ct = default);

    /// <summary>Every port a container publishes to the host, one entry per binding.</summary>
    Task<IReadOnlyList<Docker.PortPublication>> PublishedPortsAsync(string container, CancellationToken ct = default);

    /// <summary>The value of an environment variable the container was created with, or null.</summary>
    Task<string?> EnvironmentVariableAsync(string container, string name, CancellationToken ct = default);

    /// <summary>The container's address on a network, or null.</summary>
    Task<string?> AddressAsync(string container, string network, CancellationToken ct = default);

    /// <summary>Removes one container by name or id, with its anonymous volumes; nothing happens when it does not exist.</summary>
    Task RemoveContainerAsync(string container, CancellationToken ct = default);
}
