using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Persistence defines storage persistence for the nested cluster's data directory.</summary>
[Description("Persistence defines storage persistence for the nested cluster's data directory.")]
public sealed class KubernetesPersistence
{
    /// <summary>Enabled controls whether a PVC is used for the nested cluster's data directory. When false (default), emptyDir is used and the cluster is ephemeral.</summary>
    [Description("Enabled controls whether a PVC is used for the nested cluster's data directory. When false (default), emptyDir is used and the cluster is ephemeral.")]
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>StorageClassName is the StorageClass to use for the PVC. When empty, the cluster's default StorageClass is used.</summary>
    [Description("StorageClassName is the StorageClass to use for the PVC. When empty, the cluster's default StorageClass is used.")]
    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    /// <summary>Size is the storage request size for the PVC. Defaults to "20Gi".</summary>
    [Description("Size is the storage request size for the PVC. Defaults to \"20Gi\".")]
    [JsonPropertyName("size")]
    public string? Size { get; set; }
}
