using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker;

/// <content>What a network is: its subnets; a running container joined to one.</content>
public sealed partial class DockerProvider
{
    /// <summary>
    /// The subnets of a network's IPAM config (as kind reads them with
    /// <c>docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}'</c>), in the engine's order.
    /// </summary>
    public async Task<IReadOnlyList<string>> NetworkSubnetsAsync(string network, CancellationToken ct = default)
    {
        var found = await Client.Networks.InspectNetworkAsync(network, ct).ConfigureAwait(false);
        return (found.IPAM?.Config ?? new List<IPAMConfig>()).Select(c => c.Subnet).OfType<string>().Where(s => s.Length > 0).ToList();
    }

    /// <summary>
    /// Joins a container to a network (<c>docker network connect</c>, as k3d joins the registries a
    /// cluster uses to its network); nothing happens when it is joined already.
    /// </summary>
    public async Task ConnectNetworkAsync(string container, string network, CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false);
        if (inspect.NetworkSettings?.Networks?.ContainsKey(network) == true)
        {
            return;
        }

        await Client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = inspect.ID }, ct).ConfigureAwait(false);
    }
}
