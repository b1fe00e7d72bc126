namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// The host quirks the probe tells (<see cref="HostInfo"/> from <c>docker info</c>), in the order
/// they adjust a spec; <see cref="ExplicitPrivileges"/>, which the probe cannot tell, comes after
/// them in <see cref="DockerProvider.Quirks"/>.
/// </summary>
public static class ProbedQuirks
{
    /// <summary>Every quirk the probe tells.</summary>
    public static IReadOnlyList<IHostQuirk> All { get; } = [new UserNamespaceHost(), new DeviceMapperMount(), new FuseDevice()];

    /// <summary><paramref name="spec"/> adjusted for every quirk of <see cref="All"/> that <paramref name="host"/> has.</summary>
    public static ContainerSpec Adjust(ContainerSpec spec, HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        return All.Where(q => q.AppliesTo(host)).Aggregate(spec, (adjusted, quirk) => quirk.Adjust(adjusted));
    }
}
