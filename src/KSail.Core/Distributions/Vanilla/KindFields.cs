using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>What KSail.NET does with each field of kind.yaml (see <see cref="FieldUse"/>).</summary>
internal static class KindFields
{
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
            ("nodes[].extraMounts[].selinuxRelabel", "SELinux relabelling of extra mounts is not built yet"),
            ("networking.dnsSearch", "the nodes' DNS search domains are not set yet"),
            ("containerdConfigPatches", "containerd config patches (registry mirrors) are not applied yet"),
            ("containerdConfigPatchesJSON6902", "containerd config patches (registry mirrors) are not applied yet"),
        ]);
}
