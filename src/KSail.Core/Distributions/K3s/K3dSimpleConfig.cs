using System.Text.Json.Serialization;

namespace KSail.Core.Distributions.K3s;

// k3d's k3d.io/v1alpha5 Simple config, field for field, so a k3d.yaml loads unchanged.

/// <summary>A k3d cluster configuration (<c>k3d.io/v1alpha5</c>, kind <c>Simple</c>).</summary>
public sealed class K3dSimpleConfig
{
    /// <summary>The API version k3d understands here.</summary>
    public const string ApiVersionV1Alpha5 = "k3d.io/v1alpha5";

    /// <summary>The cluster name k3d uses when none is given.</summary>
    public const string DefaultName = "k3s-default";

    /// <summary>The K3s image k3d v5.9 pins.</summary>
    public const string DefaultImage = "rancher/k3s:v1.35.5-k3s1";

    /// <summary>The image repository of k3d's server load balancer (nginx behind confd).</summary>
    public const string LoadBalancerImageRepository = "ghcr.io/k3d-io/k3d-proxy";

    /// <summary>The load balancer image k3d v5.9 starts: its proxy image at k3d's own version.</summary>
    public const string DefaultLoadBalancerImage = LoadBalancerImageRepository + ":5.9.0";

    /// <summary>
    /// k3d's environment variable that names another load balancer image (k3d has no config field for
    /// it); KSail.NET reads it from the environment the declaration is loaded with, as k3d does.
    /// </summary>
    public const string LoadBalancerImageVariable = "K3D_IMAGE_LOADBALANCER";

    /// <summary>k3d's environment variable that replaces the tag of its helper images (the load balancer's among them).</summary>
    public const string HelperImageTagVariable = "K3D_HELPER_IMAGE_TAG";

    /// <summary>Always <c>k3d.io/v1alpha5</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Always <c>Simple</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Holds the cluster name.</summary>
    [JsonPropertyName("metadata")]
    public K3dMetadata? Metadata { get; set; }

    /// <summary>Number of servers (1 by default).</summary>
    [JsonPropertyName("servers")]
    public int? Servers { get; set; }

    /// <summary>Number of agents (0 by default).</summary>
    [JsonPropertyName("agents")]
    public int? Agents { get; set; }

    /// <summary>Where the Kubernetes API is published.</summary>
    [JsonPropertyName("kubeAPI")]
    public K3dKubeApi? KubeApi { get; set; }

    /// <summary>The K3s image.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Docker network to use (k3d-&lt;name&gt; by default).</summary>
    [JsonPropertyName("network")]
    public string? Network { get; set; }

    /// <summary>Subnet of a created network, or <c>auto</c>.</summary>
    [JsonPropertyName("subnet")]
    public string? Subnet { get; set; }

    /// <summary>The cluster join token.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    /// <summary>Volumes mounted into nodes.</summary>
    [JsonPropertyName("volumes")]
    public List<K3dVolume>? Volumes { get; set; }

    /// <summary>Ports published to the host.</summary>
    [JsonPropertyName("ports")]
    public List<K3dPort>? Ports { get; set; }

    /// <summary>Files copied into nodes.</summary>
    [JsonPropertyName("files")]
    public List<K3dFile>? Files { get; set; }

    /// <summary>k3d, K3s, kubeconfig and runtime options.</summary>
    [JsonPropertyName("options")]
    public K3dOptions? Options { get; set; }

    /// <summary>Environment variables of nodes.</summary>
    [JsonPropertyName("env")]
    public List<K3dEnvVar>? Env { get; set; }

    /// <summary>Registries to create or use.</summary>
    [JsonPropertyName("registries")]
    public K3dRegistries? Registries { get; set; }

    /// <summary>Extra /etc/hosts entries.</summary>
    [JsonPropertyName("hostAliases")]
    public List<K3dHostAlias>? HostAliases { get; set; }
}

/// <summary>k3d metadata.</summary>
public sealed class K3dMetadata
{
    /// <summary>The cluster name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>Where the Kubernetes API is published.</summary>
public sealed class K3dKubeApi
{
    /// <summary>Host name written into the kubeconfig.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; set; }

    /// <summary>Host address the API listens on.</summary>
    [JsonPropertyName("hostIP")]
    public string? HostIp { get; set; }

    /// <summary>Host port the API is published on.</summary>
    [JsonPropertyName("hostPort")]
    public string? HostPort { get; set; }
}

/// <summary>A volume with the nodes it goes to.</summary>
public sealed class K3dVolume
{
    /// <summary><c>source:destination[:mode]</c>.</summary>
    [JsonPropertyName("volume")]
    public string? Volume { get; set; }

    /// <summary>Nodes it applies to.</summary>
    [JsonPropertyName("nodeFilters")]
    public List<string>? NodeFilters { get; set; }
}

/// <summary>A published port with the nodes it goes to.</summary>
public sealed class K3dPort
{
    /// <summary><c>[hostIP:][hostPort:]containerPort[/protocol]</c>.</summary>
    [JsonPropertyName("port")]
    public string? Port { get; set; }

    /// <summary>Nodes it applies to.</summary>
    [JsonPropertyName("nodeFilters")]
    public List<string>? NodeFilters { get; set; }
}

/// <summary>A file copied into nodes.</summary>
public sealed class K3dFile
{
    /// <summary>A path, or the file's content.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>Path in the node.</summary>
    [JsonPropertyName("destination")]
    public string? Destination { get; set; }

    /// <summary>A note for people.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>Nodes it applies to.</summary>
    [JsonPropertyName("nodeFilters")]
    public List<string>? NodeFilters { get; set; }
}

/// <summary>An environment variable with the nodes it goes to.</summary>
public sealed class K3dEnvVar
{
    /// <summary><c>KEY=VALUE</c>.</summary>
    [JsonPropertyName("envVar")]
    public string? EnvVar { get; set; }

    /// <summary>Nodes it applies to.</summary>
    [JsonPropertyName("nodeFilters")]
    public List<string>? NodeFilters { get; set; }
}

/// <summary>k3d's option groups.</summary>
public sealed class K3dOptions
{
    /// <summary>k3d's own settings.</summary>
    [JsonPropertyName("k3d")]
    public K3dToolOptions? K3d { get; set; }

    /// <summary>Settings passed to K3s.</summary>
    [JsonPropertyName("k3s")]
    public K3sOptions? K3s { get; set; }

    /// <summary>Kubeconfig handling.</summary>
    [JsonPropertyName("kubeconfig")]
    public K3dKubeconfigOptions? Kubeconfig { get; set; }

    /// <summary>Container runtime settings.</summary>
    [JsonPropertyName("runtime")]
    public K3dRuntimeOptions? Runtime { get; set; }
}

/// <summary>k3d's own settings.</summary>
public sealed class K3dToolOptions
{
    /// <summary>Wait until the cluster is usable.</summary>
    [JsonPropertyName("wait")]
    public bool? Wait { get; set; }

    /// <summary>How long to wait, as a Go duration.</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    /// <summary>Create no server load balancer.</summary>
    [JsonPropertyName("disableLoadbalancer")]
    public bool? DisableLoadbalancer { get; set; }

    /// <summary>Create no image volume.</summary>
    [JsonPropertyName("disableImageVolume")]
    public bool? DisableImageVolume { get; set; }

    /// <summary>Keep what was created when creation fails.</summary>
    [JsonPropertyName("disableRollback")]
    public bool? DisableRollback { get; set; }

    /// <summary>Load balancer settings.</summary>
    [JsonPropertyName("loadbalancer")]
    public K3dLoadBalancerOptions? Loadbalancer { get; set; }
}

/// <summary>Load balancer settings.</summary>
public sealed class K3dLoadBalancerOptions
{
    /// <summary>Overrides of the load balancer's config, <c>key=value</c>.</summary>
    [JsonPropertyName("configOverrides")]
    public List<string>? ConfigOverrides { get; set; }
}

/// <summary>Settings passed to K3s.</summary>
public sealed class K3sOptions
{
    /// <summary>Extra arguments of <c>k3s server</c> or <c>k3s agent</c>.</summary>
    [JsonPropertyName("extraArgs")]
    public List<K3sExtraArg>? ExtraArgs { get; set; }

    /// <summary>Kubernetes node labels.</summary>
    [JsonPropertyName("nodeLabels")]
    public List<K3dLabel>? NodeLabels { get; set; }
}

/// <summary>An extra K3s argument with the nodes it goes to.</summary>
public sealed class K3sExtraArg
{
    /// <summary>The argument, e.g. <c>--disable=traefik</c>.</summary>
    [JsonPropertyName("arg")]
    public string? Arg { get; set; }

    /// <summary>Nodes it applies to.</summary>
    [JsonPropertyName("nodeFilters")]
    public List<string>? NodeFilters { get; set; }
}

/// <summary>A label with the nodes it goes to.</summary>
public sealed class K3dLabel
{
    /// <summary><c>key=value</c>.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; set; }

    /// <summary>Nodes it applies to.</summary>
    [JsonPropertyName("nodeFilters")]
    public List<string>? NodeFilters { get; set; }
}

/// <summary>Kubeconfig handling.</summary>
public sealed class K3dKubeconfigOptions
{
    /// <summary>Merge the cluster into the default kubeconfig.</summary>
    [JsonPropertyName("updateDefaultKubeconfig")]
    public bool? UpdateDefaultKubeconfig { get; set; }

    /// <summary>Make the cluster the current context.</summary>
    [JsonPropertyName("switchCurrentContext")]
    public bool? SwitchCurrentContext { get; set; }
}

/// <summary>Container runtime settings.</summary>
public sealed class K3dRuntimeOptions
{
    /// <summary>GPUs to request.</summary>
    [JsonPropertyName("gpuRequest")]
    public string? GpuRequest { get; set; }

    /// <summary>Memory limit of servers.</summary>
    [JsonPropertyName("serversMemory")]
    public string? ServersMemory { get; set; }

    /// <summary>Memory limit of agents.</summary>
    [JsonPropertyName("agentsMemory")]
    public string? AgentsMemory { get; set; }

    /// <summary>Share the host's PID namespace.</summary>
    [JsonPropertyName("hostPidMode")]
    public bool? HostPidMode { get; set; }

    /// <summary>Container labels.</summary>
    [JsonPropertyName("labels")]
    public List<K3dLabel>? Labels { get; set; }

    /// <summary>Container ulimits.</summary>
    [JsonPropertyName("ulimits")]
    public List<K3dUlimit>? Ulimits { get; set; }
}

/// <summary>A container ulimit.</summary>
public sealed class K3dUlimit
{
    /// <summary>The limit's name, e.g. <c>nofile</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Soft limit.</summary>
    [JsonPropertyName("soft")]
    public long? Soft { get; set; }

    /// <summary>Hard limit.</summary>
    [JsonPropertyName("hard")]
    public long? Hard { get; set; }
}

/// <summary>Registries to create or use.</summary>
public sealed class K3dRegistries
{
    /// <summary>A registry to create with the cluster.</summary>
    [JsonPropertyName("create")]
    public K3dRegistryCreate? Create { get; set; }

    /// <summary>Existing registries to use.</summary>
    [JsonPropertyName("use")]
    public List<string>? Use { get; set; }

    /// <summary>The content of K3s's registries.yaml.</summary>
    [JsonPropertyName("config")]
    public string? Config { get; set; }
}

/// <summary>A registry created with the cluster.</summary>
public sealed class K3dRegistryCreate
{
    /// <summary>Registry name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Host address.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; set; }

    /// <summary>Host port, or <c>random</c>.</summary>
    [JsonPropertyName("hostPort")]
    public string? HostPort { get; set; }

    /// <summary>Registry image.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Pull-through proxy settings.</summary>
    [JsonPropertyName("proxy")]
    public K3dRegistryProxy? Proxy { get; set; }

    /// <summary>Volumes of the registry.</summary>
    [JsonPropertyName("volumes")]
    public List<string>? Volumes { get; set; }

    /// <summary>Use the same port inside and outside.</summary>
    [JsonPropertyName("enforcePortMatch")]
    public bool? EnforcePortMatch { get; set; }
}

/// <summary>Pull-through proxy settings.</summary>
public sealed class K3dRegistryProxy
{
    /// <summary>The registry mirrored.</summary>
    [JsonPropertyName("remoteURL")]
    public string? RemoteUrl { get; set; }

    /// <summary>User name at the remote.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    /// <summary>Password at the remote (a secret: never logged).</summary>
    [JsonPropertyName("password")]
    public string? Password { get; set; }
}

/// <summary>An /etc/hosts entry.</summary>
public sealed class K3dHostAlias
{
    /// <summary>The address.</summary>
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }

    /// <summary>Names for it.</summary>
    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }
}
