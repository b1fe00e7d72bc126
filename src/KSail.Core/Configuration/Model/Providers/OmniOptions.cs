using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Omni holds options for the Sidero Omni provider.</summary>
[Description("Omni holds options for the Sidero Omni provider.")]
public sealed class OmniOptions
{
    /// <summary>Endpoint is the Omni API endpoint URL. Example: "https://&lt;account&gt;.omni.siderolabs.io:443".</summary>
    [Description("Endpoint is the Omni API endpoint URL. Example: \"https://<account>.omni.siderolabs.io:443\".")]
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>EndpointEnvVar is the environment variable containing the Omni API endpoint URL. When set, the value of this environment variable takes precedence over Endpoint. Defaults to "OMNI_ENDPOINT".</summary>
    [Description("EndpointEnvVar is the environment variable containing the Omni API endpoint URL. When set, the value of this environment variable takes precedence over Endpoint. Defaults to \"OMNI_ENDPOINT\".")]
    [JsonPropertyName("endpointEnvVar")]
    public string? EndpointEnvVar { get; set; }

    /// <summary>ServiceAccountKeyEnvVar is the environment variable containing the base64-encoded Omni service account key. Defaults to "OMNI_SERVICE_ACCOUNT_KEY".</summary>
    [Description("ServiceAccountKeyEnvVar is the environment variable containing the base64-encoded Omni service account key. Defaults to \"OMNI_SERVICE_ACCOUNT_KEY\".")]
    [JsonPropertyName("serviceAccountKeyEnvVar")]
    public string? ServiceAccountKeyEnvVar { get; set; }

    /// <summary>TalosVersion is the Talos version to use for the cluster in Omni. Accepts values with or without the "v" prefix (e.g., "v1.11.2" or "1.11.2"). Generated templates normalize the value to include the "v" prefix. This determines the Talos Linux version that Omni will deploy to machines.</summary>
    [Description("TalosVersion is the Talos version to use for the cluster in Omni. Accepts values with or without the \"v\" prefix (e.g., \"v1.11.2\" or \"1.11.2\"). Generated templates normalize the value to include the \"v\" prefix. This determines the Talos Linux version that Omni will deploy to machines.")]
    [JsonPropertyName("talosVersion")]
    public string? TalosVersion { get; set; }

    /// <summary>KubernetesVersion is the Kubernetes version to use for the cluster in Omni. Accepts values with or without the "v" prefix (e.g., "v1.32.0" or "1.32.0"). Generated templates normalize the value to include the "v" prefix. This determines the Kubernetes version that Omni will deploy.</summary>
    [Description("KubernetesVersion is the Kubernetes version to use for the cluster in Omni. Accepts values with or without the \"v\" prefix (e.g., \"v1.32.0\" or \"1.32.0\"). Generated templates normalize the value to include the \"v\" prefix. This determines the Kubernetes version that Omni will deploy.")]
    [JsonPropertyName("kubernetesVersion")]
    public string? KubernetesVersion { get; set; }

    /// <summary>MachineClass is the Omni machine class name to use for dynamic node allocation. Machine classes are user-defined in the Omni dashboard and match machines by labels (e.g., CPU, region, role). The specified class must exist in the Omni account before cluster creation. The number of machines allocated is derived from the controlPlanes and workers count in the cluster spec. Mutually exclusive with Machines — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.</summary>
    [Description("MachineClass is the Omni machine class name to use for dynamic node allocation. Machine classes are user-defined in the Omni dashboard and match machines by labels (e.g., CPU, region, role). The specified class must exist in the Omni account before cluster creation. The number of machines allocated is derived from the controlPlanes and workers count in the cluster spec. Mutually exclusive with Machines — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.")]
    [JsonPropertyName("machineClass")]
    public string? MachineClass { get; set; }

    /// <summary>Machines is a list of Omni machine UUIDs to use for static node allocation. The first N machines are assigned as control planes (where N = controlPlanes count), and the remaining machines are assigned as workers. Mutually exclusive with MachineClass — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.</summary>
    [Description("Machines is a list of Omni machine UUIDs to use for static node allocation. The first N machines are assigned as control planes (where N = controlPlanes count), and the remaining machines are assigned as workers. Mutually exclusive with MachineClass — set one or the other. When neither MachineClass nor Machines is set, KSail automatically discovers available (unallocated) machines in Omni and uses them for node allocation.")]
    [JsonPropertyName("machines")]
    public List<string>? Machines { get; set; }
}
