using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker;

/// <content>What a network is: its subnets.</content>
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
}
