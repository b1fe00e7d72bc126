using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.Vanilla;

// kind's kind.x-k8s.io/v1alpha4 Cluster, field for field, so a kind.yaml loads unchanged.

/// <summary>A kind cluster configuration (<c>kind.x-k8s.io/v1alpha4</c>, kind <c>Cluster</c>).</summary>
public sealed class KindCluster
{
    /// <summary>The API version kind understands here.</summary>
    public const string ApiVersionV1Alpha4 = "kind.x-k8s.io/v1alpha4";

    /// <summary>The cluster name kind uses when none is given.</summary>
    public const string DefaultName = "kind";

    /// <summary>kind's default node image (kind v0.32.0).</summary>
    public const string DefaultImage = "kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5";

    /// <summary>
    /// The image kind v0.32.0 runs as the external load balancer of a cluster with several control
    /// planes (Envoy, fed file-based listeners and clusters).
    /// </summary>
    public const string DefaultLoadBalancerImage = "docker.io/envoyproxy/envoy:v1.36.2";

    /// <summary>
    /// KSail.NET's environment variable that names another load balancer image (kind has neither a
    /// config field nor a variable for it), for a mirror or an air-gapped host. The image must behave
    /// as Envoy does under kind's bootstrap command.
    /// </summary>
    public const string LoadBalancerImageVariable = "KSAIL_KIND_LOADBALANCER_IMAGE";

    /// <summary>Always <c>Cluster</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Always <c>kind.x-k8s.io/v1alpha4</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>The cluster name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The nodes; one control plane when empty.</summary>
    [JsonPropertyName("nodes")]
    public List<KindNode>? Nodes { get; set; }

    /// <summary>Cluster-wide network settings.</summary>
    [JsonPropertyName("networking")]
    public KindNetworking? Networking { get; set; }

    /// <summary>Kubernetes feature gates.</summary>
    [JsonPropertyName("featureGates")]
    public Dictionary<string, bool>? FeatureGates { get; set; }

    /// <summary>API server runtime-config.</summary>
    [JsonPropertyName("runtimeConfig")]
    public Dictionary<string, string>? RuntimeConfig { get; set; }

    /// <summary>Strategic-merge patches for the generated kubeadm config.</summary>
    [JsonPropertyName("kubeadmConfigPatches")]
    public List<string>? KubeadmConfigPatches { get; set; }

    /// <summary>JSON 6902 patches for the generated kubeadm config.</summary>
    [JsonPropertyName("kubeadmConfigPatchesJSON6902")]
    public List<KindPatchJson6902>? KubeadmConfigPatchesJson6902 { get; set; }

    /// <summary>TOML patches for the containerd config.</summary>
    [JsonPropertyName("containerdConfigPatches")]
    public List<string>? ContainerdConfigPatches { get; set; }

    /// <summary>JSON 6902 patches for the containerd config.</summary>
    [JsonPropertyName("containerdConfigPatchesJSON6902")]
    public List<string>? ContainerdConfigPatchesJson6902 { get; set; }
}

/// <summary>A kind node.</summary>
public sealed class KindNode
{
    /// <summary><c>control-plane</c> or <c>worker</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>The node image.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Kubernetes node labels.</summary>
    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Host paths mounted into the node.</summary>
    [JsonPropertyName("extraMounts")]
    public List<KindMount>? ExtraMounts { get; set; }

    /// <summary>Ports published from the node to the host.</summary>
    [JsonPropertyName("extraPortMappings")]
    public List<KindPortMapping>? ExtraPortMappings { get; set; }

    /// <summary>Strategic-merge patches for this node's kubeadm config.</summary>
    [JsonPropertyName("kubeadmConfigPatches")]
    public List<string>? KubeadmConfigPatches { get; set; }

    /// <summary>JSON 6902 patches for this node's kubeadm config.</summary>
    [JsonPropertyName("kubeadmConfigPatchesJSON6902")]
    public List<KindPatchJson6902>? KubeadmConfigPatchesJson6902 { get; set; }
}

/// <summary>kind's networking section.</summary>
public sealed class KindNetworking
{
    /// <summary><c>ipv4</c>, <c>ipv6</c> or <c>dual</c>.</summary>
    [JsonPropertyName("ipFamily")]
    public string? IpFamily { get; set; }

    /// <summary>Host port of the API server (random when 0).</summary>
    [JsonPropertyName("apiServerPort")]
    public int? ApiServerPort { get; set; }

    /// <summary>Host address of the API server (127.0.0.1 by default).</summary>
    [JsonPropertyName("apiServerAddress")]
    public string? ApiServerAddress { get; set; }

    /// <summary>Pod network CIDR.</summary>
    [JsonPropertyName("podSubnet")]
    public string? PodSubnet { get; set; }

    /// <summary>Service network CIDR.</summary>
    [JsonPropertyName("serviceSubnet")]
    public string? ServiceSubnet { get; set; }

    /// <summary>Do not install kind's default CNI.</summary>
    [JsonPropertyName("disableDefaultCNI")]
    public bool? DisableDefaultCni { get; set; }

    /// <summary><c>iptables</c>, <c>ipvs</c>, <c>nftables</c> or <c>none</c>.</summary>
    [JsonPropertyName("kubeProxyMode")]
    public string? KubeProxyMode { get; set; }

    /// <summary>DNS search domains of the nodes.</summary>
    [JsonPropertyName("dnsSearch")]
    public List<string>? DnsSearch { get; set; }
}

/// <summary>A host path mounted into a node.</summary>
public sealed class KindMount
{
    /// <summary>Path in the node.</summary>
    [JsonPropertyName("containerPath")]
    public string? ContainerPath { get; set; }

    /// <summary>Path on the host.</summary>
    [JsonPropertyName("hostPath")]
    public string? HostPath { get; set; }

    /// <summary>Mount read-only.</summary>
    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }

    /// <summary>Relabel for SELinux.</summary>
    [JsonPropertyName("selinuxRelabel")]
    public bool? SelinuxRelabel { get; set; }

    /// <summary>Mount propagation mode.</summary>
    [JsonPropertyName("propagation")]
    public string? Propagation { get; set; }
}

/// <summary>A port published from a node to the host.</summary>
public sealed class KindPortMapping
{
    /// <summary>Port in the node.</summary>
    [JsonPropertyName("containerPort")]
    public int? ContainerPort { get; set; }

    /// <summary>Port on the host (random when 0 or unset).</summary>
    [JsonPropertyName("hostPort")]
    public int? HostPort { get; set; }

    /// <summary>Host address to listen on (0.0.0.0 by default).</summary>
    [JsonPropertyName("listenAddress")]
    public string? ListenAddress { get; set; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }
}

/// <summary>A JSON 6902 patch aimed at one kubeadm object.</summary>
public sealed class KindPatchJson6902
{
    /// <summary>API group of the target.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>API version of the target.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>Kind of the target.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The patch, as YAML or JSON text.</summary>
    [JsonPropertyName("patch")]
    public string? Patch { get; set; }
}
