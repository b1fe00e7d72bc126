namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// What a host must offer before any node starts on it: the refusals kind makes before it creates
/// anything (<c>pkg/cluster/internal/create/create.go</c>, <c>validateProvider</c>), each naming the
/// host's condition and what to do (FIDELITY K17).
/// </summary>
/// <remarks>
/// A rootless engine can hand a container cgroups only on cgroup v2 with the memory, pids and cpu
/// controllers delegated to it (systemd's <c>Delegate=yes</c>); without them the kubelet in a node
/// cannot create its cgroups, whichever distribution runs it. kind refuses both cases up front; k3d
/// does not check and its nodes fail later, so a K3s cluster is refused here too, with the same
/// words. The provider asks before it starts the first node (<see cref="DockerProvider.RunAsync"/>).
/// </remarks>
public static class HostRequirements
{
    /// <summary>kind's page on rootless engines, named in the refusals.</summary>
    public const string RootlessGuide = "https://kind.sigs.k8s.io/docs/user/rootless/";

    /// <summary>Why nodes cannot run on <paramref name="host"/>, or null when they can.</summary>
    public static string? Refusal(HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!host.Rootless)
        {
            return null;
        }

        if (host.CgroupVersion != 2)
        {
            var version = host.CgroupVersion == 0 ? "an unknown cgroup version (not v2)" : $"cgroup v{host.CgroupVersion}";
            return $"this Docker engine runs rootless on a host with {version}: nodes on a rootless engine need cgroup v2. "
                + "Boot the host with cgroup v2 (the unified hierarchy, systemd.unified_cgroup_hierarchy=1 on the kernel command line), "
                + $"or use a rootful Docker engine (DOCKER_HOST or 'docker context use'); see {RootlessGuide}";
        }

        if (!host.CgroupLimitsDelegated)
        {
            return "this Docker engine runs rootless without the memory, pids and cpu cgroup controllers delegated to it: "
                + "nodes on a rootless engine need them. Set the systemd property \"Delegate=yes\" for the user's service "
                + "(/etc/systemd/system/user@.service.d/delegate.conf with [Service] Delegate=yes), run 'systemctl daemon-reload', "
                + $"log in again and restart Docker; see {RootlessGuide}";
        }

        return null;
    }

    /// <summary>Refuses a host that cannot run nodes.</summary>
    /// <exception cref="ProviderUnavailableException">The host cannot run nodes; the message says why and what to do (exit code 4).</exception>
    public static void Require(HostInfo host)
    {
        if (Refusal(host) is { } refusal)
        {
            throw new ProviderUnavailableException(refusal);
        }
    }
}
