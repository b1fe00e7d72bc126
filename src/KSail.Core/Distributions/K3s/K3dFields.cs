using KSail.Core.Configuration;

namespace KSail.Core.Distributions.K3s;

/// <summary>What KSail.NET does with each field of k3d.yaml (see <see cref="FieldUse"/>).</summary>
internal static class K3dFields
{
    /// <summary>The table.</summary>
    public static readonly FieldUse Use = new(
        handled:
        [
            "apiVersion",
            "kind",
            "metadata.name",
            "servers",
            "agents",
            "kubeAPI.host",
            "kubeAPI.hostIP",
            "kubeAPI.hostPort",
            "image",
            "network",
            "token",
            "volumes[].volume",
            "volumes[].nodeFilters",
            "ports[].port",
            "ports[].nodeFilters",
            "options.k3d.disableLoadbalancer",
            "options.k3d.loadbalancer.configOverrides",
            "options.k3s.extraArgs[].arg",
            "options.k3s.extraArgs[].nodeFilters",
            "env[].envVar",
            "env[].nodeFilters",
            "files[].source",
            "files[].destination",
            "files[].description",
            "files[].nodeFilters",
            "options.k3s.nodeLabels[].label",
            "options.k3s.nodeLabels[].nodeFilters",
            "options.runtime.labels[].label",
            "options.runtime.labels[].nodeFilters",
            "options.runtime.ulimits[].name",
            "options.runtime.ulimits[].soft",
            "options.runtime.ulimits[].hard",
            "options.runtime.hostPidMode",
            "hostAliases[].ip",
            "hostAliases[].hostnames",

            // FIDELITY D14: the registry container and the nodes' registries.yaml (CreateRegistriesAction, K3sRegistries).
            "registries.create.name",
            "registries.create.host",
            "registries.create.hostPort",
            "registries.create.image",
            "registries.create.proxy.remoteURL",
            "registries.create.proxy.username",
            "registries.create.proxy.password",
            "registries.create.volumes",
            "registries.create.enforcePortMatch",
            "registries.config",
            "registries.use",
        ],
        withoutEffect:
        [
            ("subnet", "KSail.NET lets Docker choose the subnet of the network it creates"),
            ("options.k3d.wait", "KSail.NET always waits until the cluster is stable (spec.cluster.timeouts)"),
            ("options.k3d.timeout", "the time limits are spec.cluster.timeouts in ksail.yaml"),
            ("options.k3d.disableImageVolume", "KSail.NET creates no image volume"),
            ("options.k3d.disableRollback", "use 'ksail cluster create --keep-on-failure' to keep a failed cluster"),
            ("options.kubeconfig", "where the kubeconfig goes is spec.cluster.connection.kubeconfig's, and create always switches its current context"),
            ("options.runtime.gpuRequest", "the nodes get no GPU (FIDELITY D17)"),
            ("options.runtime.serversMemory", "the servers get no memory limit nor k3d's matching /proc/meminfo (FIDELITY D17)"),
            ("options.runtime.agentsMemory", "the agents get no memory limit nor k3d's matching /proc/meminfo (FIDELITY D17)"),
        ]);
}
