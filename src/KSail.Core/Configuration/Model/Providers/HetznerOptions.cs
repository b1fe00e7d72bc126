using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Hetzner holds options for the Hetzner Cloud provider.</summary>
[Description("Hetzner holds options for the Hetzner Cloud provider.")]
public sealed class HetznerOptions
{
    /// <summary>ControlPlaneServerType is the Hetzner server type for control-plane nodes. Examples: "cx23" (x86), "cax11" (ARM), "cpx21" (AMD). Defaults to "cx23".</summary>
    [Description("ControlPlaneServerType is the Hetzner server type for control-plane nodes. Examples: \"cx23\" (x86), \"cax11\" (ARM), \"cpx21\" (AMD). Defaults to \"cx23\".")]
    [JsonPropertyName("controlPlaneServerType")]
    public string? ControlPlaneServerType { get; set; }

    /// <summary>WorkerServerType is the Hetzner server type for worker nodes. Examples: "cx23" (x86), "cax11" (ARM), "cpx21" (AMD). Defaults to "cx23".</summary>
    [Description("WorkerServerType is the Hetzner server type for worker nodes. Examples: \"cx23\" (x86), \"cax11\" (ARM), \"cpx21\" (AMD). Defaults to \"cx23\".")]
    [JsonPropertyName("workerServerType")]
    public string? WorkerServerType { get; set; }

    /// <summary>Location is the Hetzner datacenter location. Examples: "fsn1" (Falkenstein), "nbg1" (Nuremberg), "hel1" (Helsinki). Defaults to "fsn1".</summary>
    [Description("Location is the Hetzner datacenter location. Examples: \"fsn1\" (Falkenstein), \"nbg1\" (Nuremberg), \"hel1\" (Helsinki). Defaults to \"fsn1\".")]
    [JsonPropertyName("location")]
    public string? Location { get; set; }

    /// <summary>NetworkName is the name of the private network to create or use. If empty, a network named "&lt;cluster-name&gt;-network" will be created.</summary>
    [Description("NetworkName is the name of the private network to create or use. If empty, a network named \"<cluster-name>-network\" will be created.")]
    [JsonPropertyName("networkName")]
    public string? NetworkName { get; set; }

    /// <summary>NetworkCIDR is the CIDR block for the private network. Defaults to "10.0.0.0/16".</summary>
    [Description("NetworkCIDR is the CIDR block for the private network. Defaults to \"10.0.0.0/16\".")]
    [JsonPropertyName("networkCidr")]
    public string? NetworkCidr { get; set; }

    /// <summary>SSHKeyName is the name of the SSH key to use for server access. The key must already exist in the Hetzner Cloud project. If empty, no SSH key is attached (only Talos API access).</summary>
    [Description("SSHKeyName is the name of the SSH key to use for server access. The key must already exist in the Hetzner Cloud project. If empty, no SSH key is attached (only Talos API access).")]
    [JsonPropertyName("sshKeyName")]
    public string? SshKeyName { get; set; }

    /// <summary>TokenEnvVar is the environment variable containing the Hetzner API token. Defaults to "HCLOUD_TOKEN".</summary>
    [Description("TokenEnvVar is the environment variable containing the Hetzner API token. Defaults to \"HCLOUD_TOKEN\".")]
    [JsonPropertyName("tokenEnvVar")]
    public string? TokenEnvVar { get; set; }

    /// <summary>PlacementGroupStrategy controls whether and how placement groups are used. "Spread" (default) distributes servers across different physical hosts for HA. "None" disables placement groups, useful when Hetzner resources are constrained. Note: Spread groups are limited to 10 servers per datacenter.</summary>
    [Description("PlacementGroupStrategy controls whether and how placement groups are used. \"Spread\" (default) distributes servers across different physical hosts for HA. \"None\" disables placement groups, useful when Hetzner resources are constrained. Note: Spread groups are limited to 10 servers per datacenter.")]
    [JsonPropertyName("placementGroupStrategy")]
    public PlacementGroupStrategy? PlacementGroupStrategy { get; set; }

    /// <summary>PlacementGroup is the name of the placement group for server distribution. If empty, a placement group named "&lt;cluster-name&gt;-placement" will be created. Only used when PlacementGroupStrategy is "Spread".</summary>
    [Description("PlacementGroup is the name of the placement group for server distribution. If empty, a placement group named \"<cluster-name>-placement\" will be created. Only used when PlacementGroupStrategy is \"Spread\".")]
    [JsonPropertyName("placementGroup")]
    public string? PlacementGroup { get; set; }

    /// <summary>Alternative datacenter locations to try when server creation in the primary location fails due to resource unavailability. When empty defaults to nbg1 and hel1 (both in the eu-central network zone matching the default fsn1 primary location).</summary>
    [Description("Alternative datacenter locations to try when server creation in the primary location fails due to resource unavailability. When empty defaults to nbg1 and hel1 (both in the eu-central network zone matching the default fsn1 primary location).")]
    [JsonPropertyName("fallbackLocations")]
    public List<string>? FallbackLocations { get; set; }

    /// <summary>PlacementGroupFallbackToNone allows automatic fallback to no placement group when spread placement constraints cannot be satisfied (e.g., due to datacenter capacity). When true and placement fails, retries server creation without a placement group. Defaults to false to preserve HA guarantees; set to true for best-effort provisioning.</summary>
    [Description("PlacementGroupFallbackToNone allows automatic fallback to no placement group when spread placement constraints cannot be satisfied (e.g., due to datacenter capacity). When true and placement fails, retries server creation without a placement group. Defaults to false to preserve HA guarantees; set to true for best-effort provisioning.")]
    [JsonPropertyName("placementGroupFallbackToNone")]
    public bool? PlacementGroupFallbackToNone { get; set; }

    /// <summary>Provision a Hetzner floating IP and render it as the stable Kubernetes/Talos API endpoint (endpoint + certificate SANs + a control-plane Talos VIP block for leader ownership handover; the hcloud API token is embedded in the control-plane machine config). Defaults to false.</summary>
    [Description("Provision a Hetzner floating IP and render it as the stable Kubernetes/Talos API endpoint (endpoint + certificate SANs + a control-plane Talos VIP block for leader ownership handover; the hcloud API token is embedded in the control-plane machine config). Defaults to false.")]
    [JsonPropertyName("floatingIPEnabled")]
    public bool? FloatingIPEnabled { get; set; }

    /// <summary>Hetzner location the floating IP is homed in (routing latency only). Defaults to the cluster's location.</summary>
    [Description("Hetzner location the floating IP is homed in (routing latency only). Defaults to the cluster's location.")]
    [JsonPropertyName("floatingIPLocation")]
    public string? FloatingIPLocation { get; set; }

    /// <summary>IngressFirewall controls the Talos OS-level ingress firewall configuration. When Enabled (default), KSail generates NetworkDefaultActionConfig and NetworkRuleConfig documents as Talos machine config patches, providing defense-in-depth at the node level independent of the Hetzner Cloud Firewall. See: https://www.talos.dev/latest/talos-guides/network/ingress-firewall/</summary>
    [Description("IngressFirewall controls the Talos OS-level ingress firewall configuration. When Enabled (default), KSail generates NetworkDefaultActionConfig and NetworkRuleConfig documents as Talos machine config patches, providing defense-in-depth at the node level independent of the Hetzner Cloud Firewall. See: https://www.talos.dev/latest/talos-guides/network/ingress-firewall/")]
    [JsonPropertyName("ingressFirewall")]
    public EnabledDisabled? IngressFirewall { get; set; }

    /// <summary>Maximum total Hetzner servers allowed for this cluster — the account/project quota. Validation rejects configs whose reachable total (control-planes + workers + pool capacity clamped by autoscaler.node.maxNodesTotal when set) exceeds it. Set to 0 to use the default limit of 10</summary>
    [Description("Maximum total Hetzner servers allowed for this cluster — the account/project quota. Validation rejects configs whose reachable total (control-planes + workers + pool capacity clamped by autoscaler.node.maxNodesTotal when set) exceeds it. Set to 0 to use the default limit of 10")]
    [JsonPropertyName("serverLimit")]
    public int? ServerLimit { get; set; }

    /// <summary>CIDR blocks allowed to access the Kubernetes API and Talos API on control-plane nodes. When empty defaults to 0.0.0.0/0 and ::/0 (open to all IPv4 and IPv6).</summary>
    [Description("CIDR blocks allowed to access the Kubernetes API and Talos API on control-plane nodes. When empty defaults to 0.0.0.0/0 and ::/0 (open to all IPv4 and IPv6).")]
    [JsonPropertyName("allowedCidrs")]
    public List<string>? AllowedCidrs { get; set; }

    /// <summary>Assign a public IPv4 to worker nodes. Defaults to true. Set false for IPv4-less workers reached over the private network (requires private-network reachability and NAT egress).</summary>
    [Description("Assign a public IPv4 to worker nodes. Defaults to true. Set false for IPv4-less workers reached over the private network (requires private-network reachability and NAT egress).")]
    [JsonPropertyName("workerPublicIPv4")]
    public bool? WorkerPublicIPv4 { get; set; }

    /// <summary>Assign a public IPv6 to worker nodes. Defaults to true.</summary>
    [Description("Assign a public IPv6 to worker nodes. Defaults to true.")]
    [JsonPropertyName("workerPublicIPv6")]
    public bool? WorkerPublicIPv6 { get; set; }

    /// <summary>Assign a public IPv4 to control-plane nodes. Defaults to true. Set false for IPv4-less control planes whose endpoint is the private-network IP (cluster reachable only from inside the private network).</summary>
    [Description("Assign a public IPv4 to control-plane nodes. Defaults to true. Set false for IPv4-less control planes whose endpoint is the private-network IP (cluster reachable only from inside the private network).")]
    [JsonPropertyName("controlPlanePublicIPv4")]
    public bool? ControlPlanePublicIPv4 { get; set; }

    /// <summary>Assign a public IPv6 to control-plane nodes. Defaults to true.</summary>
    [Description("Assign a public IPv6 to control-plane nodes. Defaults to true.")]
    [JsonPropertyName("controlPlanePublicIPv6")]
    public bool? ControlPlanePublicIPv6 { get; set; }

    /// <summary>AutoscalerNodePoolNames lists the node-group names configured in the Kubernetes Cluster Autoscaler for this cluster. When non-empty, KSail deletes servers labelled with hcloud/node-group=&lt;name&gt; during cluster deletion so that autoscaler-managed nodes are cleaned up alongside KSail-managed nodes.</summary>
    [Description("AutoscalerNodePoolNames lists the node-group names configured in the Kubernetes Cluster Autoscaler for this cluster. When non-empty, KSail deletes servers labelled with hcloud/node-group=<name> during cluster deletion so that autoscaler-managed nodes are cleaned up alongside KSail-managed nodes.")]
    [JsonPropertyName("autoscalerNodePoolNames")]
    public List<string>? AutoscalerNodePoolNames { get; set; }
}
