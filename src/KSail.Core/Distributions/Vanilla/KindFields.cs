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

            // FIDELITY K41: written into each node's /etc/containerd/config.toml, then containerd restarted (ConfigureContainerdAction).
            "containerdConfigPatches",
            "containerdConfigPatchesJSON6902",
        ],
        withoutEffect: []);
}
