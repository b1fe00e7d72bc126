namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// One way a Docker host differs from the one kind and k3d assume, and how a container spec is
/// changed for it. The provider asks every quirk once per container, in one place
/// (<see cref="DockerProvider.RunAsync"/>), so no distribution branches on the host.
/// </summary>
public interface IHostQuirk
{
    /// <summary>A short name for messages and documentation.</summary>
    string Name { get; }

    /// <summary>Whether this host has the quirk (from the probe's <paramref name="host"/>, or from what the quirk found itself).</summary>
    bool AppliesTo(HostInfo host);

    /// <summary>The spec changed for the quirk; specs it does not concern come back unchanged.</summary>
    ContainerSpec Adjust(ContainerSpec spec);
}
