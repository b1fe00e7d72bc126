using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Talos holds options specific to the Talos distribution.</summary>
[Description("Talos holds options specific to the Talos distribution.")]
public sealed class TalosOptions
{
    /// <summary>Version pins the Talos OS (distribution) version used for cluster creation and upgrades. When set, KSail uses this version as the Docker container image tag and `cluster update` reconciles the cluster toward it (skipping downgrades). Accepts values with or without the "v" prefix (e.g., "v1.11.2" or "1.11.2"). When empty, `cluster create` uses KSail's built-in default version and `cluster update` follows the latest stable version available in the OCI registry. Override per invocation with the --distribution-version flag (precedence: flag &gt; env &gt; config &gt; default).</summary>
    [Description("Version pins the Talos OS (distribution) version used for cluster creation and upgrades. When set, KSail uses this version as the Docker container image tag and `cluster update` reconciles the cluster toward it (skipping downgrades). Accepts values with or without the \"v\" prefix (e.g., \"v1.11.2\" or \"1.11.2\"). When empty, `cluster create` uses KSail's built-in default version and `cluster update` follows the latest stable version available in the OCI registry. Override per invocation with the --distribution-version flag (precedence: flag > env > config > default).")]
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>DEPRECATED: use spec.cluster.controlPlanes instead</summary>
    [Description("DEPRECATED: use spec.cluster.controlPlanes instead")]
    [JsonPropertyName("controlPlanes")]
    public int? ControlPlanes { get; set; }

    /// <summary>DEPRECATED: use spec.cluster.workers instead</summary>
    [Description("DEPRECATED: use spec.cluster.workers instead")]
    [JsonPropertyName("workers")]
    public int? Workers { get; set; }

    /// <summary>Config is the path to the talosconfig file. Defaults to "~/.talos/config".</summary>
    [Description("Config is the path to the talosconfig file. Defaults to \"~/.talos/config\".")]
    [JsonPropertyName("config")]
    public string? Config { get; set; }

    /// <summary>ISO is the cloud provider's ISO/image ID for booting Talos Linux. Only used when targeting cloud providers (e.g., Hetzner Cloud). For Hetzner: See https://docs.hetzner.cloud/changelog for available Talos ISOs. Defaults to 125127 (Talos Linux 1.12.4 x86). The prior default 122630 (Talos 1.11.2) was removed from Hetzner on 2026-03-18. For ARM, look up the matching Talos ISO ID in the Hetzner Cloud Console (Images → ISOs). When SchematicID is set, ISO is ignored in favour of a pre-built snapshot.</summary>
    [Description("ISO is the cloud provider's ISO/image ID for booting Talos Linux. Only used when targeting cloud providers (e.g., Hetzner Cloud). For Hetzner: See https://docs.hetzner.cloud/changelog for available Talos ISOs. Defaults to 125127 (Talos Linux 1.12.4 x86). The prior default 122630 (Talos 1.11.2) was removed from Hetzner on 2026-03-18. For ARM, look up the matching Talos ISO ID in the Hetzner Cloud Console (Images → ISOs). When SchematicID is set, ISO is ignored in favour of a pre-built snapshot.")]
    [JsonPropertyName("iso")]
    public long? Iso { get; set; }

    /// <summary>SchematicID is the Talos factory schematic ID used to build a Hetzner snapshot image. When set, KSail uploads a Talos OS disk snapshot using this schematic ID and Version instead of booting from the cloud ISO specified in ISO. Obtain a schematic ID from https://factory.talos.dev. Only used when targeting cloud providers (e.g., Hetzner Cloud).</summary>
    [Description("SchematicID is the Talos factory schematic ID used to build a Hetzner snapshot image. When set, KSail uploads a Talos OS disk snapshot using this schematic ID and Version instead of booting from the cloud ISO specified in ISO. Obtain a schematic ID from https://factory.talos.dev. Only used when targeting cloud providers (e.g., Hetzner Cloud).")]
    [JsonPropertyName("schematicId")]
    public string? SchematicId { get; set; }

    /// <summary>Extensions lists Talos Image Factory official system extension names to include in the node image. KSail automatically computes the Image Factory schematic ID from this list and sets machine.install.image to the version-appropriate factory installer repository (`factory.talos.dev/installer` before Talos 1.14, `factory.talos.dev/metal-installer` for Talos 1.14+) using the Talos config bundle's existing install image tag. For Hetzner, the schematic is also used for snapshot building. Extension names follow the Image Factory convention (e.g., "siderolabs/iscsi-tools"). The Image Factory resolves extension versions automatically per Talos release. When SchematicID is also set, it takes precedence over Extensions.</summary>
    [Description("Extensions lists Talos Image Factory official system extension names to include in the node image. KSail automatically computes the Image Factory schematic ID from this list and sets machine.install.image to the version-appropriate factory installer repository (`factory.talos.dev/installer` before Talos 1.14, `factory.talos.dev/metal-installer` for Talos 1.14+) using the Talos config bundle's existing install image tag. For Hetzner, the schematic is also used for snapshot building. Extension names follow the Image Factory convention (e.g., \"siderolabs/iscsi-tools\"). The Image Factory resolves extension versions automatically per Talos release. When SchematicID is also set, it takes precedence over Extensions.")]
    [JsonPropertyName("extensions")]
    public List<string>? Extensions { get; set; }

    /// <summary>ExtraPortMappings defines additional port mappings from Docker containers to the host. Only used with the Docker provider. Useful on macOS where MetalLB virtual IPs are not accessible from the host because Docker runs in a Linux VM. Ports are exposed on the first control-plane node (when multiple control-planes are configured).</summary>
    [Description("ExtraPortMappings defines additional port mappings from Docker containers to the host. Only used with the Docker provider. Useful on macOS where MetalLB virtual IPs are not accessible from the host because Docker runs in a Linux VM. Ports are exposed on the first control-plane node (when multiple control-planes are configured).")]
    [JsonPropertyName("extraPortMappings")]
    public List<TalosPortMapping>? ExtraPortMappings { get; set; }

    /// <summary>DEPRECATED: use spec.cluster.imageVerification instead</summary>
    [Description("DEPRECATED: use spec.cluster.imageVerification instead")]
    [JsonPropertyName("imageVerification")]
    public EnabledDisabled? ImageVerification { get; set; }

    /// <summary>DrainTimeout is the per-node pod-eviction budget for rolling node drains during `cluster update` (rolling reboot and Hetzner server-type rolling-recreate). When unset, KSail uses 10m. Increase it for clusters whose stateful workloads need longer to evict gracefully — e.g. Longhorn volume rebuilds or database failovers gated by PodDisruptionBudgets. A drain that exceeds this budget aborts the update; re-run with --force-drain to delete pods bypassing PodDisruptionBudgets instead. Override per invocation with --drain-timeout. Example: "15m".</summary>
    [Description("DrainTimeout is the per-node pod-eviction budget for rolling node drains during `cluster update` (rolling reboot and Hetzner server-type rolling-recreate). When unset, KSail uses 10m. Increase it for clusters whose stateful workloads need longer to evict gracefully — e.g. Longhorn volume rebuilds or database failovers gated by PodDisruptionBudgets. A drain that exceeds this budget aborts the update; re-run with --force-drain to delete pods bypassing PodDisruptionBudgets instead. Override per invocation with --drain-timeout. Example: \"15m\".")]
    [JsonPropertyName("drainTimeout")]
    public string? DrainTimeout { get; set; }

    /// <summary>StorageHealthTimeout opts into a between-node storage-health gate during the `cluster update` rolling reboot. When set to a positive duration, the roll waits — up to this timeout — for the cluster's storage to return to a stable state before draining the next node: generically, no PersistentVolume in phase Failed, no PersistentVolumeClaim in phase Lost, and no VolumeAttachment with an attach/detach error; plus, when a replicated node-local storage backend is detected (Longhorn), no degraded or faulted replicated volume. This prevents progressively faulting volumes whose replicas are spread one-per-node: without the gate the roll advances as soon as a node reports Kubernetes Ready, so rebooting consecutive replica holders before a rebuild completes can take every replica of a volume down at once. Default off (unset / 0): behaviour is unchanged. The gate only helps when replicas have spare capacity to rebuild during the roll; on a fully drained pool with hard anti-affinity it times out (naming the stuck volumes) rather than hanging. Example: "10m".</summary>
    [Description("StorageHealthTimeout opts into a between-node storage-health gate during the `cluster update` rolling reboot. When set to a positive duration, the roll waits — up to this timeout — for the cluster's storage to return to a stable state before draining the next node: generically, no PersistentVolume in phase Failed, no PersistentVolumeClaim in phase Lost, and no VolumeAttachment with an attach/detach error; plus, when a replicated node-local storage backend is detected (Longhorn), no degraded or faulted replicated volume. This prevents progressively faulting volumes whose replicas are spread one-per-node: without the gate the roll advances as soon as a node reports Kubernetes Ready, so rebooting consecutive replica holders before a rebuild completes can take every replica of a volume down at once. Default off (unset / 0): behaviour is unchanged. The gate only helps when replicas have spare capacity to rebuild during the roll; on a fully drained pool with hard anti-affinity it times out (naming the stuck volumes) rather than hanging. Example: \"10m\".")]
    [JsonPropertyName("storageHealthTimeout")]
    public string? StorageHealthTimeout { get; set; }
}
