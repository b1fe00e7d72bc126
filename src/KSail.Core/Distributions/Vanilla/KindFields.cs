using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>What KSail.NET does with each field of kind.yaml (see <see cref="FieldUse"/>).</summary>
internal static class KindFields
{
    private const string ContainerdPatchesNotApplied =
        "they are not applied yet: the nodes keep the node image's containerd config, so registry mirrors, config_path (kind's local-registry recipe) and other containerd settings in them have no effect";

    /// <summary>The table.</summary>
    public static readonly FieldUse Use = new(
        handled:
        [
            "kind",
            "apiVersion",
            "name",
            "nodes[].role",
            "nodes[].image",
            "nodes[].labels",
            "nodes[].extraMounts[].containerPath",
            "nodes[].extraMounts[].hostPath",
            "nodes[].extraMounts[].readOnly",
            "nodes[].extraMounts[].propagation",
            "nodes[].extraMounts[].selinuxRelabel",
            "nodes[].extraPortMappings[].containerPort",
            "nodes[].extraPortMappings[].hostPort",
            "nodes[].extraPortMappings[].listenAddress",
            "nodes[].extraPortMappings[].protocol",
            "nodes[].kubeadmConfigPatches",
            "nodes[].kubeadmConfigPatchesJSON6902[].group",
            "nodes[].kubeadmConfigPatchesJSON6902[].version",
            "nodes[].kubeadmConfigPatchesJSON6902[].kind",
            "nodes[].kubeadmConfigPatchesJSON6902[].patch",
            "networking.ipFamily",
            "networking.apiServerPort",
            "networking.apiServerAddress",
            "networking.podSubnet",
            "networking.serviceSubnet",
            "networking.disableDefaultCNI",
            "networking.kubeProxyMode",
            "networking.dnsSearch",
            "featureGates",
            "runtimeConfig",
            "kubeadmConfigPatches",
            "kubeadmConfigPatchesJSON6902[].group",
            "kubeadmConfigPatchesJSON6902[].version",
            "kubeadmConfigPatchesJSON6902[].kind",
            "kubeadmConfigPatchesJSON6902[].patch",
        ],
        withoutEffect:
        [
            // FIDELITY K41: kind writes these into each node's /etc/containerd/config.toml and restarts containerd.
            ("containerdConfigPatches", ContainerdPatchesNotApplied),
            ("containerdConfigPatchesJSON6902", ContainerdPatchesNotApplied),
        ]);
}
