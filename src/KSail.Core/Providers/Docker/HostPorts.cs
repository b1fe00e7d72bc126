using System.Net;
using System.Net.Sockets;

namespace KSail.Core.Providers.Docker;

/// <summary>
/// Host ports for publications that name none, picked as kind and k3d pick them (kind's
/// <c>pkg/cluster/internal/providers/common/getport.go</c> <c>PortOrGetFreePort</c>, k3d's
/// <c>cmd/util/ports.go</c> <c>GetFreePort</c>): a port free on this machine now, published as that
/// fixed number. A node started again (<c>ksail cluster start</c>, a Docker restart, a reboot) keeps it,
/// so the kubeconfig written at create still reaches the API; Docker's own choice (an empty host port)
/// would be a new ephemeral port at every start (FIDELITY S1, K20). k3d picks only its API port and
/// leaves <c>ports</c> without a host port to Docker; here those are kept fixed too, so nothing the
/// user reaches from the host moves after a restart.
/// </summary>
/// <remarks>
/// As kind notes, a port free here says little about a remote engine's host; a port taken there, or
/// taken here between the pick and the container's start, is picked again by
/// <see cref="DockerProvider.RunAsync"/> (<see cref="Attempts"/> times in all).
/// </remarks>
public static class HostPorts
{
    /// <summary>How many times a container is started with freshly picked ports before a clash is an error.</summary>
    public const int Attempts = 3;

    /// <summary>
    /// A port free now on <paramref name="listenAddress"/> (the wildcard when that address is not one of
    /// this machine's, as for a remote engine) for <paramref name="protocol"/> (<c>tcp</c>, <c>udp</c>,
    /// <c>sctp</c>: picked as TCP, as kind does).
    /// </summary>
    /// <exception cref="SocketException">No port could be bound at all.</exception>
    public static int Free(string listenAddress, string protocol = "tcp")
    {
        using var socket = Bind(listenAddress, protocol);
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// <paramref name="spec"/> with every publication without a host port given one by
    /// <paramref name="pick"/>, marked <see cref="PortPublication.Chosen"/>; with <paramref name="again"/>,
    /// the ports chosen before are picked anew too (after a clash). A pick never repeats a host port
    /// of the same spec.
    /// </summary>
    public static ContainerSpec Choose(ContainerSpec spec, Func<string, string, int> pick, bool again = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pick);
        if (!spec.Ports.Any(p => p.HostPort == 0 || (again && p.Chosen)))
        {
            return spec;
        }

        var taken = spec.Ports.Where(p => p.HostPort != 0 && !(again && p.Chosen)).Select(p => (p.HostPort, p.Protocol)).ToHashSet();
        var ports = new List<PortPublication>();
        foreach (var port in spec.Ports)
        {
            if (port.HostPort != 0 && !(again && port.Chosen))
            {
                ports.Add(port);
                continue;
            }

            // The OS hands out each free port in turn; a port another publication of this spec names is skipped.
            var picked = pick(port.HostAddress, port.Protocol);
            for (var tries = 1; taken.Contains((picked, port.Protocol)) && tries < 16; tries++)
            {
                picked = pick(port.HostAddress, port.Protocol);
            }

            taken.Add((picked, port.Protocol));
            ports.Add(port with { HostPort = picked, Chosen = true });
        }

        return spec with { Ports = ports };
    }

    private static Socket Bind(string listenAddress, string protocol)
    {
        var udp = string.Equals(protocol, "udp", StringComparison.OrdinalIgnoreCase);
        var wanted = string.IsNullOrEmpty(listenAddress) || !IPAddress.TryParse(listenAddress.Trim('[', ']'), out var parsed) ? IPAddress.Any : parsed;
        foreach (var address in new[] { wanted, IPAddress.Any }.Distinct())
        {
            var socket = udp
                ? new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
                : new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(address, 0));
                return socket;
            }
            catch (SocketException) when (!Equals(address, IPAddress.Any))
            {
                // Not an address of this machine (a remote engine's), or IPv6 is off here: any free port will do.
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new SocketException((int)SocketError.AddressNotAvailable);
    }
}
