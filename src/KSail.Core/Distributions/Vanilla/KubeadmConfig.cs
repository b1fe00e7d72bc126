using System.Globalization;
using System.Text;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>What the kubeadm config of one node is made from (as kind's config action gathers it).</summary>
internal sealed record KubeadmConfigData
{
    public required string ClusterName { get; init; }

    /// <summary>The node's Kubernetes version, from <c>/kind/version</c>, e.g. <c>v1.20.2</c>.</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary><c>host:port</c> every node reaches the API at: the single control plane, or the external load balancer.</summary>
    public required string ControlPlaneEndpoint { get; init; }

    /// <summary>The host address the API is published on (a certificate SAN).</summary>
    public required string ApiServerAddress { get; init; }

    public required bool ControlPlane { get; init; }

    public required string NodeAddress { get; init; }

    public required string NodeName { get; init; }

    public required string PodSubnet { get; init; }

    public required string ServiceSubnet { get; init; }

    /// <summary><c>iptables</c>, <c>ipvs</c>, <c>nftables</c> or <c>none</c>.</summary>
    public required string KubeProxyMode { get; init; }

    /// <summary><c>systemd</c> or <c>cgroupfs</c>: the kubelet's must match the node's container runtime.</summary>
    public required string CgroupDriver { get; init; }

    public IReadOnlyDictionary<string, bool> FeatureGates { get; init; } = new Dictionary<string, bool>();

    public IReadOnlyDictionary<string, string> RuntimeConfig { get; init; } = new Dictionary<string, string>();

    public string NodeLabels { get; init; } = string.Empty;

    /// <summary>Whether the engine runs rootless (<see cref="Providers.HostInfo.Rootless"/>): kind then configures the kubelet and kube-proxy for a user namespace.</summary>
    public bool Rootless { get; init; }
}

/// <summary>
/// Generates the kubeadm config file kind writes to <c>/kind/kubeadm.conf</c> on every node: the
/// ClusterConfiguration, InitConfiguration and JoinConfiguration in the kubeadm API version the
/// node's Kubernetes speaks, the KubeletConfiguration and the KubeProxyConfiguration. As kind's final
/// file, the documents carry no metadata (kind's template names them only for its patching, which
/// matches on kind and apiVersion; see <see cref="KubeadmConfigPatches"/>).
/// </summary>
internal static class KubeadmConfig
{
    /// <summary>The well-known bootstrap token kind uses inside its Docker network.</summary>
    public const string Token = "abcdef.0123456789abcdef";

    /// <summary>The port the API server listens on inside the node.</summary>
    public const int ApiServerPort = 6443;

    /// <summary>The kubeadm API version kind writes for a Kubernetes minor version (kind <c>kubeadm/config.go</c> <c>Config</c>; FIDELITY K24).</summary>
    public static string ApiVersionFor(int minor) => minor < 23 ? "kubeadm.k8s.io/v1beta2" : minor < 36 ? "kubeadm.k8s.io/v1beta3" : "kubeadm.k8s.io/v1beta4";

    /// <exception cref="ProvisioningException">The engine is rootless and the node's Kubernetes is older than 1.22.</exception>
    public static string Generate(KubeadmConfigData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var version = ParseMinor(d.KubernetesVersion);
        var kubeadmApi = ApiVersionFor(version);
        var v1beta4 = kubeadmApi.EndsWith("v1beta4", StringComparison.Ordinal);
        var featureGates = new SortedDictionary<string, bool>(d.FeatureGates.ToDictionary(), StringComparer.Ordinal);
        if (d.Rootless)
        {
            // As kind (FIDELITY K17): on a rootless engine the kubelet runs in a user namespace, which
            // its KubeletInUserNamespace gate (Kubernetes 1.22 and later) allows; older kubelets cannot.
            if (version < 22)
            {
                throw new ProvisioningException(
                    $"the node image's Kubernetes {d.KubernetesVersion} cannot run on a rootless Docker engine: kind needs Kubernetes 1.22 or later there (the kubelet's KubeletInUserNamespace feature gate); use a newer node image, or a Docker engine that is not rootless");
            }

            featureGates["KubeletInUserNamespace"] = true;
        }

        var gates = string.Join(",", featureGates.Select(kv => $"{kv.Key}={(kv.Value ? "true" : "false")}"));
        var runtimeConfig = string.Join(",", d.RuntimeConfig.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        var providerId = $"kind://docker/{d.ClusterName}/{d.NodeName}";

        // As kind (FIDELITY K26): runtime-config and node-labels are always there, empty or not; feature-gates only when some are set.
        string? FeatureGatesArg() => gates.Length > 0 ? gates : null;

        string Args(string indent, params (string Key, string? Value)[] args)
        {
            var present = args.Where(a => a.Value is not null).ToList();
            if (present.Count == 0)
            {
                return v1beta4 ? $"{indent}extraArgs: []\n" : $"{indent}extraArgs: {{}}\n";
            }

            var sb = new StringBuilder($"{indent}extraArgs:\n");
            foreach (var (key, value) in present)
            {
                sb.Append(v1beta4 ? $"{indent}- name: \"{key}\"\n{indent}  value: \"{value}\"\n" : $"{indent}  \"{key}\": \"{value}\"\n");
            }

            return sb.ToString();
        }

        var kubeletArgs = Args("  ", ("node-ip", d.NodeAddress), ("provider-id", providerId), ("node-labels", d.NodeLabels))
            .Replace("  extraArgs", "  kubeletExtraArgs", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            # config generated by KSail.NET, as kind generates it
            apiVersion: {kubeadmApi}
            kind: ClusterConfiguration
            kubernetesVersion: {d.KubernetesVersion}
            clusterName: "{d.ClusterName}"
            controlPlaneEndpoint: "{d.ControlPlaneEndpoint}"
            apiServer:
              certSANs: [localhost, "{d.ApiServerAddress}"]

            """);
        sb.Append(Args("  ", ("runtime-config", runtimeConfig), ("feature-gates", FeatureGatesArg())));
        sb.Append("controllerManager:\n");
        sb.Append(Args("  ", ("feature-gates", FeatureGatesArg()), ("enable-hostpath-provisioner", "true")));
        sb.Append("scheduler:\n");
        sb.Append(Args("  ", ("feature-gates", FeatureGatesArg())));
        sb.Append(CultureInfo.InvariantCulture, $"""
            networking:
              podSubnet: "{d.PodSubnet}"
              serviceSubnet: "{d.ServiceSubnet}"
            ---
            apiVersion: {kubeadmApi}
            kind: InitConfiguration
            bootstrapTokens:
            - token: "{Token}"
            localAPIEndpoint:
              advertiseAddress: "{d.NodeAddress}"
              bindPort: {ApiServerPort}
            nodeRegistration:
              criSocket: "unix:///run/containerd/containerd.sock"

            """);
        sb.Append(kubeletArgs);
        sb.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: {kubeadmApi}
            kind: JoinConfiguration

            """);
        if (d.ControlPlane)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                controlPlane:
                  localAPIEndpoint:
                    advertiseAddress: "{d.NodeAddress}"
                    bindPort: {ApiServerPort}

                """);
        }

        sb.Append("nodeRegistration:\n  criSocket: \"unix:///run/containerd/containerd.sock\"\n");
        sb.Append(kubeletArgs);
        sb.Append(CultureInfo.InvariantCulture, $"""
            discovery:
              bootstrapToken:
                apiServerEndpoint: "{d.ControlPlaneEndpoint}"
                token: "{Token}"
                unsafeSkipCAVerification: true
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            cgroupDriver: {d.CgroupDriver}
            cgroupRoot: /kubelet
            failSwapOn: false
            imageGCHighThresholdPercent: 100
            evictionHard:
              nodefs.available: "0%"
              nodefs.inodesFree: "0%"
              imagefs.available: "0%"

            """);
        sb.Append(FeatureGatesField(featureGates));
        if (d.KubeProxyMode != "none")
        {
            // As kind (FIDELITY K31): the cluster's feature gates; conntrack's host-wide
            // nf_conntrack_max left alone; nf_conntrack_tcp_be_liberal for nftables; and on a
            // rootless engine, which cannot write them, the TCP timeouts left alone too.
            sb.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                mode: "{d.KubeProxyMode}"

                """);
            sb.Append(FeatureGatesField(featureGates));
            sb.Append("iptables:\n  minSyncPeriod: 1s\nconntrack:\n  maxPerCore: 0\n");
            if (d.KubeProxyMode == "nftables" && !d.Rootless)
            {
                sb.Append("  tcpBeLiberal: true\n");
            }

            if (d.Rootless)
            {
                sb.Append("  tcpEstablishedTimeout: 0s\n  tcpCloseWaitTimeout: 0s\n");
            }
        }

        return sb.ToString();
    }

    // A KubeletConfiguration's or KubeProxyConfiguration's featureGates map; nothing when no gate is set.
    private static string FeatureGatesField(SortedDictionary<string, bool> gates) =>
        gates.Count == 0 ? string.Empty : "featureGates:\n" + string.Concat(gates.Select(kv => $"  \"{kv.Key}\": {(kv.Value ? "true" : "false")}\n"));

    /// <summary>The minor version of <c>v1.20.2</c> (20).</summary>
    public static int ParseMinor(string version)
    {
        var parts = version.TrimStart('v').Split('.');
        return parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : 0;
    }
}
