using KSail.Core.Configuration;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;

namespace KSail.Core.Registries;

/// <summary>
/// Runs and removes a cluster's registry containers (<see cref="ClusterDefinition.Registries"/>), as
/// KSail's registry stages do before a Docker cluster's nodes start
/// (<c>pkg/cli/setup/mirrorregistry</c>, <c>pkg/cli/setup/localregistry</c>): the image used as the
/// host has it or pulled, the volume created unless it exists, the container started on the
/// cluster's network and waited for until it listens.
/// </summary>
public static class ClusterRegistries
{
    /// <summary>How long a registry has to start listening (KSail's <c>RegistryReadyTimeout</c>).</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts every registry of <paramref name="cluster"/> on its network (which must exist);
    /// returns the volumes created now, which a failed create removes again. On a failure the
    /// registries started here and the volumes created here are removed before it is thrown.
    /// </summary>
    /// <exception cref="ProvisioningException">A registry did not start; the message names where it was declared.</exception>
    public static async Task<IReadOnlyList<string>> StartAsync(
        IContainerProvider docker,
        ClusterDefinition cluster,
        CreateOptions options,
        IProgress<ProgressEvent>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var createdVolumes = new List<string>();
        var started = new List<string>();
        try
        {
            foreach (var image in cluster.Registries.Select(r => r.Image).Distinct(StringComparer.Ordinal))
            {
                await docker.EnsureImageAsync(image, ct).ConfigureAwait(false);
            }

            foreach (var registry in cluster.Registries)
            {
                progress?.Report(new ProgressEvent("start registries", Describe(registry)));
                if (await docker.EnsureVolumeAsync(registry.Volume, registry.VolumeLabels(options.ExtraLabels), ct).ConfigureAwait(false))
                {
                    createdVolumes.Add(registry.Volume);
                }

                await RunAsync(docker, cluster, registry, options, ct).ConfigureAwait(false);
                started.Add(registry.Name);
            }

            foreach (var registry in cluster.Registries)
            {
                await WaitListeningAsync(docker, registry, ct).ConfigureAwait(false);
            }

            return createdVolumes;
        }
        catch
        {
            if (!options.KeepOnFailure)
            {
                await RemoveAsync(docker, started, createdVolumes).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Removes registry containers and then volumes (those no other container uses), whatever the caller's cancellation.</summary>
    public static async Task RemoveAsync(IContainerProvider docker, IEnumerable<string> containers, IEnumerable<string> volumes)
    {
        ArgumentNullException.ThrowIfNull(docker);
        await Task.WhenAll(containers.Select(c => docker.RemoveContainerAsync(c, CancellationToken.None))).ConfigureAwait(false);
        foreach (var volume in volumes)
        {
            await docker.RemoveUnusedVolumeAsync(volume, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The volumes of cluster <paramref name="cluster"/>'s registry containers, read from their labels (what <c>--delete-storage</c> removes).</summary>
    public static async Task<IReadOnlyList<string>> VolumesOfAsync(IProvider provider, string cluster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var containers = await provider.ListAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster }, ct).ConfigureAwait(false);
        return containers
            .Select(c => c.Labels.GetValueOrDefault(RegistryContainer.VolumeLabel))
            .OfType<string>()
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The running local registry of cluster <paramref name="clusterName"/> as the host pushes to it:
    /// <c>localhost:&lt;port&gt;</c> with the host port Docker published its port 5000 on (found by its
    /// container's labels, not by ksail.yaml, so <c>cluster info</c> answers for any cluster); null when
    /// the cluster has no local registry or it is not running.
    /// </summary>
    public static async Task<string?> RunningLocalRegistryAsync(IContainerProvider docker, string clusterName, CancellationToken ct) =>
        await RunningLocalRegistryPortAsync(docker, clusterName, ct).ConfigureAwait(false) is { } port
            ? $"localhost:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : null;

    /// <summary>
    /// The host port the running local registry of cluster <paramref name="clusterName"/> is published on
    /// (its container found by its labels); null when the cluster has no local registry or it is not running.
    /// </summary>
    public static async Task<int?> RunningLocalRegistryPortAsync(IProvider provider, string clusterName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var name = RegistryDeclarations.LocalRegistryName(clusterName);
        var found = await provider.ListAsync(new Dictionary<string, string> { [RegistryContainer.RegistryLabel] = name }, ct).ConfigureAwait(false);
        if (!found.Any(c => c.Name == name && c.State == "running"))
        {
            return null;
        }

        return await provider.HostBindingAsync(name, RegistryContainer.ContainerPort, ct: ct).ConfigureAwait(false) is { } binding ? binding.Port : null;
    }

    /// <summary>How progress shows a registry: its container, what it serves, never its credentials' values.</summary>
    public static string Describe(RegistryContainer registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Role == RegistryContainer.LocalRegistryRole
            ? $"{registry.Name}: local registry {registry.Host} on {RegistryContainer.HostAddress}:{registry.HostPort?.ToString(System.Globalization.CultureInfo.InvariantCulture)}, volume {registry.Volume}"
            : $"{registry.Name}: mirror of {registry.Host} ({registry.Upstream}{(registry.Credentials is { } c ? $" as {c}" : string.Empty)}), volume {registry.Volume}";
    }

    private static async Task RunAsync(IContainerProvider docker, ClusterDefinition cluster, RegistryContainer registry, CreateOptions options, CancellationToken ct)
    {
        try
        {
            await docker.RunAsync(registry.Spec(cluster, options.ExtraLabels), ct).ConfigureAwait(false);
        }
        catch (ProvisioningException ex)
        {
            throw new ProvisioningException($"{registry.DeclaredAt}: {What(registry)} {registry.Name} could not start: {ex.Message}", ex);
        }
    }

    // The registry serves once it logs that it listens (the distribution registry's "listening on [::]:5000").
    private static async Task WaitListeningAsync(IContainerProvider docker, RegistryContainer registry, CancellationToken ct)
    {
        try
        {
            await docker.WaitForLogAsync(registry.Name, "listening on", ReadyTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            var logs = await docker.LogsAsync(registry.Name, 20, CancellationToken.None).ConfigureAwait(false);
            throw new ProvisioningException(
                $"{registry.DeclaredAt}: {What(registry)} {registry.Name} ({registry.Image}) did not start serving within {ReadyTimeout.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} s (is it a distribution registry, as registry:3?). Its last log lines:{Environment.NewLine}{logs.TrimEnd()}",
                ex);
        }
    }

    private static string What(RegistryContainer registry) =>
        registry.Role == RegistryContainer.LocalRegistryRole ? "the local registry" : $"the mirror of {registry.Host}";
}
