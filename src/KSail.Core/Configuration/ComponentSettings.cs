using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <summary>The component settings of ksail.yaml (after overrides), with KSail's defaults for those not set: what the engine acts on.</summary>
/// <param name="Cni">The CNI.</param>
/// <param name="Csi">CSI: Default keeps the distribution's own storage, Enabled installs KSail.NET's, Disabled none.</param>
/// <param name="MetricsServer">metrics-server, as <paramref name="Csi"/>.</param>
/// <param name="LoadBalancer">The Service load balancer, as <paramref name="Csi"/>.</param>
/// <param name="GitOpsEngine">The GitOps engine.</param>
public sealed record ComponentSettings(Cni Cni, Toggle Csi, Toggle MetricsServer, Toggle LoadBalancer, GitOpsEngine GitOpsEngine)
{
    /// <summary>The settings <paramref name="cluster"/> declares, defaults where it declares none.</summary>
    public static ComponentSettings Of(ClusterSpec? cluster) => new(
        cluster?.Cni ?? Cni.Default,
        cluster?.Csi ?? Toggle.Default,
        cluster?.MetricsServer ?? Toggle.Default,
        cluster?.LoadBalancer ?? Toggle.Default,
        cluster?.GitOpsEngine ?? GitOpsEngine.None);
}
