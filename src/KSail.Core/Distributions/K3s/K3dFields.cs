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
        ],
        withoutEffect:
        [
            ("subnet", "KSail.NET lets Docker choose the subnet of the network it creates"),
            ("files", "files are not copied into the nodes yet"),
            ("options.k3d.wait", "KSail.NET always waits until the cluster is stable (spec.cluster.timeouts)"),
            ("options.k3d.timeout", "the time limits are spec.cluster.timeouts in ksail.yaml"),
            ("options.k3d.disableImageVolume", "KSail.NET creates no image volume"),
            ("options.k3d.disableRollback", "use 'ksail cluster create --keep-on-failure' to keep a failed cluster"),
            ("options.k3s.nodeLabels", "node labels are not set yet"),
            ("options.kubeconfig", "where the kubeconfig goes is spec.cluster.connection.kubeconfig's, and create always switches its current context"),
            ("options.runtime", "runtime options of the node containers are not applied yet"),
            ("registries", "registries are not created or configured yet"),
            ("hostAliases", "host aliases are not written yet"),
        ]);
}
