using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <summary>
/// What this version of KSail.NET can create. KSail's schema names more choices than are built
/// here; a choice outside this table is rejected with a message that names what is supported.
/// </summary>
public static class Supported
{
    /// <summary>Distributions that can be created.</summary>
    public static IReadOnlyList<Distribution> Distributions { get; } = [.. KSail.Core.Distributions.DistributionRegistry.All.Select(d => d.Id)];

    /// <summary>Providers nodes can run on.</summary>
    public static IReadOnlyList<Provider> Providers { get; } = KSail.Core.Providers.ProviderFactory.All;

    /// <summary>CNI choices.</summary>
    public static IReadOnlyList<Cni> Cnis { get; } = [Cni.Default];

    /// <summary>CSI and metrics-server choices (Enabled: KSail.NET installs its pinned upstream release).</summary>
    public static IReadOnlyList<Toggle> Toggles { get; } = [Toggle.Default, Toggle.Enabled, Toggle.Disabled];

    /// <summary>Load balancer choices.</summary>
    public static IReadOnlyList<Toggle> LoadBalancers { get; } = [Toggle.Default, Toggle.Disabled];

    /// <summary>cert-manager choices.</summary>
    public static IReadOnlyList<EnabledDisabled> CertManager { get; } = [EnabledDisabled.Disabled];

    /// <summary>Policy engine choices.</summary>
    public static IReadOnlyList<PolicyEngine> PolicyEngines { get; } = [PolicyEngine.None];

    /// <summary>GitOps engine choices.</summary>
    public static IReadOnlyList<GitOpsEngine> GitOpsEngines { get; } = [GitOpsEngine.None, GitOpsEngine.Flux, GitOpsEngine.ArgoCD];
}
