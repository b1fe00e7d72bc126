namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// The images of the five components: kwok.yaml's <c>options.*Image</c>, else KSail's pins (kwokctl
/// v0.8.0's defaults: Kubernetes 1.36.1 from registry.k8s.io, etcd mapped from its minor as
/// <c>pkg/kwokctl/components/etcd_version.go</c>, and the kwok controller v0.8.0 KSail passes).
/// </summary>
internal static class KwokImages
{
    public const string Etcd = "registry.k8s.io/etcd:3.6.10-0";
    public const string KubeApiserver = "registry.k8s.io/kube-apiserver:v1.36.1";
    public const string KubeControllerManager = "registry.k8s.io/kube-controller-manager:v1.36.1";
    public const string KubeScheduler = "registry.k8s.io/kube-scheduler:v1.36.1";
    public const string KwokController = "registry.k8s.io/kwok/kwok:v0.8.0";

    /// <summary>The image of each component, by its kwokctl name.</summary>
    public static IReadOnlyDictionary<string, string> Of(KwokctlConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = config.Options;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KwokNames.Etcd] = options?.EtcdImage ?? Etcd,
            [KwokNames.KubeApiserver] = options?.KubeApiserverImage ?? KubeApiserver,
            [KwokNames.KubeControllerManager] = options?.KubeControllerManagerImage ?? KubeControllerManager,
            [KwokNames.KubeScheduler] = options?.KubeSchedulerImage ?? KubeScheduler,
            [KwokNames.KwokController] = options?.KwokControllerImage ?? KwokController,
        };
    }
}
