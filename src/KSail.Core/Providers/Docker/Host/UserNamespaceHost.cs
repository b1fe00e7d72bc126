namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// An engine that remaps users (<c>dockerd --userns-remap</c>, <c>"userns-remap"</c> in daemon.json):
/// it refuses <c>--privileged</c> in a remapped namespace ("privileged mode is incompatible with
/// user namespaces"), so every container of a cluster runs in the host's user namespace,
/// <c>--userns=host</c> (FIDELITY S2).
/// </summary>
/// <remarks>
/// Every container, not only the privileged nodes: kind adds <c>--userns=host</c> to the arguments
/// common to all the containers it creates, nodes and load balancer alike, when <c>docker info</c>
/// lists <c>name=userns</c> (<c>pkg/cluster/internal/providers/docker/provision.go</c>
/// <c>commonArgs</c>, <c>util.go</c> <c>usernsRemap</c>); k3d sets <c>UsernsMode: host</c> on
/// every container on every engine (<c>pkg/runtimes/docker/translate.go</c>), which changes
/// nothing where users are not remapped. A load balancer in the host's namespace also owns its
/// files as the nodes do, so one cluster's containers never straddle two user mappings.
/// </remarks>
public sealed class UserNamespaceHost : IHostQuirk
{
    /// <summary>The user namespace mode every container gets.</summary>
    public const string Mode = "host";

    /// <inheritdoc/>
    public string Name => "user namespace remapping";

    /// <inheritdoc/>
    public bool AppliesTo(HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.UserNamespaceRemap;
    }

    /// <inheritdoc/>
    public ContainerSpec Adjust(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.UserNamespaceMode is null ? spec with { UserNamespaceMode = Mode } : spec;
    }
}
