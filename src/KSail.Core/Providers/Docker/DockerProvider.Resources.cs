using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using KSail.Core.Providers.Docker.Host;

namespace KSail.Core.Providers.Docker;

/// <content>Networks, and the containers, networks and volumes listed and removed by their labels.</content>
public sealed partial class DockerProvider
{
    /// <summary>
    /// Creates the network unless a network of that name exists; returns its id. A network it
    /// creates gets the default bridge's MTU (<see cref="NetworkParameters"/>).
    /// </summary>
    public async Task<string> EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        var existing = await FindNetworkAsync(name, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.ID;
        }

        var found = await HostAsync(ct).ConfigureAwait(false);
        try
        {
            // Not cancelled half-way (as a container's create): the network exists, and is known to the caller, before
            // the run's clean-up looks for it; the next step sees the cancellation.
            var created = await Client.Networks.CreateNetworkAsync(NetworkParameters(name, labels, found), CancellationToken.None).ConfigureAwait(false);
            return created.ID;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by someone else meanwhile.
            var raced = await FindNetworkAsync(name, ct).ConfigureAwait(false);
            if (raced is null)
            {
                throw;
            }

            return raced.ID;
        }
    }

    /// <summary>
    /// What the engine is asked to create for a cluster network (<c>POST /networks/create</c>): a
    /// bridge with IP masquerading, and the MTU of the engine's default bridge whenever that is set
    /// (FIDELITY K3), as kind creates its network (<c>pkg/cluster/internal/providers/docker/network.go</c>,
    /// <c>createNetwork</c> and <c>getDefaultNetworkMTU</c>). Otherwise a host whose bridge MTU is
    /// below 1500 (a VPN, a cloud or CI VM) gets a network of 1500 and large packets from the nodes
    /// stall. k3d creates its networks without the MTU option; a K3s network gets it too, which only
    /// differs from k3d on such hosts, where k3d's network stalls.
    /// </summary>
    internal static NetworksCreateParameters NetworkParameters(string name, IReadOnlyDictionary<string, string> labels, HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(host);
        var options = new Dictionary<string, string> { ["com.docker.network.bridge.enable_ip_masquerade"] = "true" };
        if (host.BridgeMtu is > 0 and var mtu)
        {
            options[DockerHostProbe.MtuOption] = mtu.ToString(CultureInfo.InvariantCulture);
        }

        return new NetworksCreateParameters { Name = name, Driver = "bridge", Labels = labels.ToDictionary(), Options = options };
    }

    /// <summary>The containers that carry every one of <paramref name="labels"/>.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        var found = await Client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = LabelFilter(labels) },
            ct).ConfigureAwait(false);
        return found
            .Select(Summary)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Removes every container (with its anonymous volumes), network and volume that carries every one of <paramref name="labels"/>.</summary>
    public async Task<RemovedResources> RemoveAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        var containers = await ListAsync(labels, ct).ConfigureAwait(false);
        await Task.WhenAll(containers.Select(c => RemoveContainerAsync(c.Id, ct))).ConfigureAwait(false);

        var networks = await Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(labels) }, ct).ConfigureAwait(false);
        foreach (var network in networks)
        {
            await RemoveNetworkAsync(network.ID, ct).ConfigureAwait(false);
        }

        var volumes = await Client.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilter(labels) }, ct).ConfigureAwait(false);
        foreach (var volume in volumes.Volumes ?? [])
        {
            await Client.Volumes.RemoveAsync(volume.Name, force: true, ct).ConfigureAwait(false);
        }

        return new RemovedResources(
            containers.Select(c => c.Name).ToList(),
            networks.Select(n => n.Name).ToList(),
            (volumes.Volumes ?? []).Select(v => v.Name).ToList());
    }

    /// <summary>
    /// The containers that carry at least one of <paramref name="anyOf"/> (label and value): one
    /// unfiltered list filtered here, as the engine's label filters only combine with AND.
    /// </summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListAnyAsync(IReadOnlyCollection<KeyValuePair<string, string>> anyOf, CancellationToken ct = default)
    {
        var found = await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct).ConfigureAwait(false);
        return found
            .Where(c => CarriesAny(c.Labels, anyOf))
            .Select(Summary)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Removes every container (forced, with its anonymous volumes), network and volume that carries
    /// at least one of <paramref name="anyOf"/> (label and value). The three lists are asked for at
    /// once, the containers removed in parallel, then the networks and volumes in parallel.
    /// </summary>
    public async Task<RemovedResources> RemoveAnyAsync(IReadOnlyCollection<KeyValuePair<string, string>> anyOf, CancellationToken ct = default)
    {
        var listingContainers = ListAnyAsync(anyOf, ct);
        var listingNetworks = Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct);
        var listingVolumes = Client.Volumes.ListAsync(new VolumesListParameters(), ct);
        var containers = await listingContainers.ConfigureAwait(false);
        await Task.WhenAll(containers.Select(c => RemoveContainerAsync(c.Id, ct))).ConfigureAwait(false);

        var networks = (await listingNetworks.ConfigureAwait(false)).Where(n => CarriesAny(n.Labels, anyOf)).ToList();
        var volumes = ((await listingVolumes.ConfigureAwait(false)).Volumes ?? []).Where(v => CarriesAny(v.Labels, anyOf)).ToList();
        await Task.WhenAll(networks.Select(n => RemoveNetworkAsync(n.ID, ct)).Concat(volumes.Select(v => RemoveVolumeAsync(v.Name, ct)))).ConfigureAwait(false);
        return new RemovedResources(
            containers.Select(c => c.Name).ToList(),
            networks.Select(n => n.Name).ToList(),
            volumes.Select(v => v.Name).ToList());
    }

    // Docker.DotNet.Enhanced 4.4 declares a listed container's Names and Labels nullable (the engine may omit them).
    private static ContainerSummary Summary(ContainerListResponse c) =>
        new(c.ID, c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID, c.State, (c.Labels ?? new Dictionary<string, string>()).AsReadOnly());

    private static bool CarriesAny(IDictionary<string, string>? labels, IReadOnlyCollection<KeyValuePair<string, string>> anyOf) =>
        labels is not null && anyOf.Any(l => labels.TryGetValue(l.Key, out var value) && value == l.Value);

    // A network goes with the containers still joined to it disconnected first (registries a cluster
    // used but did not create, as k3d's cluster delete disconnects them), which keep running.
    private async Task RemoveNetworkAsync(string id, CancellationToken ct)
    {
        try
        {
            var joined = (await Client.Networks.InspectNetworkAsync(id, ct).ConfigureAwait(false)).Containers ?? new Dictionary<string, EndpointResource>();
            foreach (var container in joined.Keys)
            {
                try
                {
                    await Client.Networks.DisconnectNetworkAsync(id, new NetworkDisconnectParameters { Container = container, Force = true }, ct).ConfigureAwait(false);
                }
                catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    // Removed meanwhile.
                }
            }

            await Client.Networks.DeleteNetworkAsync(id, ct).ConfigureAwait(false);
        }
        catch (DockerNetworkNotFoundException)
        {
        }
    }

    private async Task RemoveVolumeAsync(string name, CancellationToken ct)
    {
        try
        {
            await Client.Volumes.RemoveAsync(name, force: true, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(IReadOnlyDictionary<string, string> labels) =>
        new(StringComparer.Ordinal) { ["label"] = labels.ToDictionary(kv => $"{kv.Key}={kv.Value}", _ => true) };
    private async Task<NetworkResponse?> FindNetworkAsync(string name, CancellationToken ct)
    {
        var networks = await Client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } } },
            ct).ConfigureAwait(false);
        return networks.FirstOrDefault(n => n.Name == name);
    }
}
