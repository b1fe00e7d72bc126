namespace KSail.Core.Distributions.Kwok;

/// <summary>kwokctl's <c>options</c> (kwok v0.8.0 <c>pkg/apis/config/v1alpha1/kwokctl_configuration_types.go</c>, KwokctlConfigurationOptions): every field kwokctl reads, so none is refused as unknown; <see cref="KwokFields"/> says what KSail.NET does with each.</summary>
public sealed class KwokctlOptions
{
    /// <summary>kwokctl's <c>enableCRDs</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("enableCRDs")]
    public List<string>? EnableCRDs { get; set; }

    /// <summary>kwokctl's <c>kubeApiserverPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeApiserverPort")]
    public long? KubeApiserverPort { get; set; }

    /// <summary>kwokctl's <c>kubeApiserverInsecurePort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeApiserverInsecurePort")]
    public long? KubeApiserverInsecurePort { get; set; }

    /// <summary>kwokctl's <c>insecureKubeconfig</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("insecureKubeconfig")]
    public bool? InsecureKubeconfig { get; set; }

    /// <summary>kwokctl's <c>runtime</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("runtime")]
    public string? Runtime { get; set; }

    /// <summary>kwokctl's <c>runtimes</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("runtimes")]
    public List<string>? Runtimes { get; set; }

    /// <summary>kwokctl's <c>prometheusPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusPort")]
    public long? PrometheusPort { get; set; }

    /// <summary>kwokctl's <c>jaegerPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerPort")]
    public long? JaegerPort { get; set; }

    /// <summary>kwokctl's <c>jaegerOtlpGrpcPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerOtlpGrpcPort")]
    public long? JaegerOtlpGrpcPort { get; set; }

    /// <summary>kwokctl's <c>kwokVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kwokVersion")]
    public string? KwokVersion { get; set; }

    /// <summary>kwokctl's <c>kubeVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeVersion")]
    public string? KubeVersion { get; set; }

    /// <summary>kwokctl's <c>etcdVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdVersion")]
    public string? EtcdVersion { get; set; }

    /// <summary>kwokctl's <c>kectlVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kectlVersion")]
    public string? KectlVersion { get; set; }

    /// <summary>kwokctl's <c>dashboardVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dashboardVersion")]
    public string? DashboardVersion { get; set; }

    /// <summary>kwokctl's <c>dashboardMetricsScraperVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dashboardMetricsScraperVersion")]
    public string? DashboardMetricsScraperVersion { get; set; }

    /// <summary>kwokctl's <c>prometheusVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusVersion")]
    public string? PrometheusVersion { get; set; }

    /// <summary>kwokctl's <c>jaegerVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerVersion")]
    public string? JaegerVersion { get; set; }

    /// <summary>kwokctl's <c>metricsServerVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerVersion")]
    public string? MetricsServerVersion { get; set; }

    /// <summary>kwokctl's <c>schedulerPluginsVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("schedulerPluginsVersion")]
    public string? SchedulerPluginsVersion { get; set; }

    /// <summary>kwokctl's <c>kueueVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueueVersion")]
    public string? KueueVersion { get; set; }

    /// <summary>kwokctl's <c>jobsetVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jobsetVersion")]
    public string? JobSetVersion { get; set; }

    /// <summary>kwokctl's <c>lwsVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("lwsVersion")]
    public string? LWSVersion { get; set; }

    /// <summary>kwokctl's <c>deschedulerVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("deschedulerVersion")]
    public string? DeschedulerVersion { get; set; }

    /// <summary>kwokctl's <c>kindVersion</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kindVersion")]
    public string? KindVersion { get; set; }

    /// <summary>kwokctl's <c>securePort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("securePort")]
    public bool? SecurePort { get; set; }

    /// <summary>kwokctl's <c>quietPull</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("quietPull")]
    public bool? QuietPull { get; set; }

    /// <summary>kwokctl's <c>kubeSchedulerConfig</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeSchedulerConfig")]
    public string? KubeSchedulerConfig { get; set; }

    /// <summary>kwokctl's <c>components</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("components")]
    public List<string>? Components { get; set; }

    /// <summary>kwokctl's <c>disable</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("disable")]
    public List<string>? Disable { get; set; }

    /// <summary>kwokctl's <c>enable</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("enable")]
    public List<string>? Enable { get; set; }

    /// <summary>kwokctl's <c>disableKubeScheduler</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("disableKubeScheduler")]
    public bool? DisableKubeScheduler { get; set; }

    /// <summary>kwokctl's <c>disableKubeControllerManager</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("disableKubeControllerManager")]
    public bool? DisableKubeControllerManager { get; set; }

    /// <summary>kwokctl's <c>enableMetricsServer</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("enableMetricsServer")]
    public bool? EnableMetricsServer { get; set; }

    /// <summary>kwokctl's <c>kubeImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeImagePrefix")]
    public string? KubeImagePrefix { get; set; }

    /// <summary>kwokctl's <c>etcdImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdImagePrefix")]
    public string? EtcdImagePrefix { get; set; }

    /// <summary>kwokctl's <c>kwokImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kwokImagePrefix")]
    public string? KwokImagePrefix { get; set; }

    /// <summary>kwokctl's <c>dashboardImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dashboardImagePrefix")]
    public string? DashboardImagePrefix { get; set; }

    /// <summary>kwokctl's <c>prometheusImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusImagePrefix")]
    public string? PrometheusImagePrefix { get; set; }

    /// <summary>kwokctl's <c>jaegerImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerImagePrefix")]
    public string? JaegerImagePrefix { get; set; }

    /// <summary>kwokctl's <c>metricsServerImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerImagePrefix")]
    public string? MetricsServerImagePrefix { get; set; }

    /// <summary>kwokctl's <c>schedulerPluginsImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("schedulerPluginsImagePrefix")]
    public string? SchedulerPluginsImagePrefix { get; set; }

    /// <summary>kwokctl's <c>kueueImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueueImagePrefix")]
    public string? KueueImagePrefix { get; set; }

    /// <summary>kwokctl's <c>jobsetImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jobsetImagePrefix")]
    public string? JobSetImagePrefix { get; set; }

    /// <summary>kwokctl's <c>lwsImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("lwsImagePrefix")]
    public string? LWSImagePrefix { get; set; }

    /// <summary>kwokctl's <c>deschedulerImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("deschedulerImagePrefix")]
    public string? DeschedulerImagePrefix { get; set; }

    /// <summary>kwokctl's <c>etcdImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdImage")]
    public string? EtcdImage { get; set; }

    /// <summary>kwokctl's <c>kubeApiserverImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeApiserverImage")]
    public string? KubeApiserverImage { get; set; }

    /// <summary>kwokctl's <c>kubeControllerManagerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeControllerManagerImage")]
    public string? KubeControllerManagerImage { get; set; }

    /// <summary>kwokctl's <c>kubeSchedulerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeSchedulerImage")]
    public string? KubeSchedulerImage { get; set; }

    /// <summary>kwokctl's <c>kubectlImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubectlImage")]
    public string? KubectlImage { get; set; }

    /// <summary>kwokctl's <c>kwokControllerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kwokControllerImage")]
    public string? KwokControllerImage { get; set; }

    /// <summary>kwokctl's <c>dashboardImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dashboardImage")]
    public string? DashboardImage { get; set; }

    /// <summary>kwokctl's <c>dashboardMetricsScraperImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dashboardMetricsScraperImage")]
    public string? DashboardMetricsScraperImage { get; set; }

    /// <summary>kwokctl's <c>prometheusImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusImage")]
    public string? PrometheusImage { get; set; }

    /// <summary>kwokctl's <c>jaegerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerImage")]
    public string? JaegerImage { get; set; }

    /// <summary>kwokctl's <c>metricsServerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerImage")]
    public string? MetricsServerImage { get; set; }

    /// <summary>kwokctl's <c>metricsServerManifests</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerManifests")]
    public List<string>? MetricsServerManifests { get; set; }

    /// <summary>kwokctl's <c>schedulerPluginsControllerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("schedulerPluginsControllerImage")]
    public string? SchedulerPluginsControllerImage { get; set; }

    /// <summary>kwokctl's <c>schedulerPluginsSchedulerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("schedulerPluginsSchedulerImage")]
    public string? SchedulerPluginsSchedulerImage { get; set; }

    /// <summary>kwokctl's <c>schedulerPluginsManifests</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("schedulerPluginsManifests")]
    public List<string>? SchedulerPluginsManifests { get; set; }

    /// <summary>kwokctl's <c>kueueImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueueImage")]
    public string? KueueImage { get; set; }

    /// <summary>kwokctl's <c>kueueManifests</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueueManifests")]
    public List<string>? KueueManifests { get; set; }

    /// <summary>kwokctl's <c>jobsetImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jobsetImage")]
    public string? JobSetImage { get; set; }

    /// <summary>kwokctl's <c>jobsetManifests</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jobsetManifests")]
    public List<string>? JobSetManifests { get; set; }

    /// <summary>kwokctl's <c>lwsImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("lwsImage")]
    public string? LWSImage { get; set; }

    /// <summary>kwokctl's <c>lwsManifests</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("lwsManifests")]
    public List<string>? LWSManifests { get; set; }

    /// <summary>kwokctl's <c>deschedulerImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("deschedulerImage")]
    public string? DeschedulerImage { get; set; }

    /// <summary>kwokctl's <c>deschedulerManifests</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("deschedulerManifests")]
    public List<string>? DeschedulerManifests { get; set; }

    /// <summary>kwokctl's <c>kueuevizFrontendImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueuevizFrontendImage")]
    public string? KueuevizFrontendImage { get; set; }

    /// <summary>kwokctl's <c>kueuevizBackendImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueuevizBackendImage")]
    public string? KueuevizBackendImage { get; set; }

    /// <summary>kwokctl's <c>kindNodeImagePrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kindNodeImagePrefix")]
    public string? KindNodeImagePrefix { get; set; }

    /// <summary>kwokctl's <c>kindNodeImage</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kindNodeImage")]
    public string? KindNodeImage { get; set; }

    /// <summary>kwokctl's <c>binSuffix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("binSuffix")]
    public string? BinSuffix { get; set; }

    /// <summary>kwokctl's <c>kubeBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeBinaryPrefix")]
    public string? KubeBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>kubeApiserverBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeApiserverBinary")]
    public string? KubeApiserverBinary { get; set; }

    /// <summary>kwokctl's <c>kubeControllerManagerBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeControllerManagerBinary")]
    public string? KubeControllerManagerBinary { get; set; }

    /// <summary>kwokctl's <c>kubeSchedulerBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeSchedulerBinary")]
    public string? KubeSchedulerBinary { get; set; }

    /// <summary>kwokctl's <c>kubectlBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubectlBinary")]
    public string? KubectlBinary { get; set; }

    /// <summary>kwokctl's <c>etcdBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdBinaryPrefix")]
    public string? EtcdBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>etcdctlBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdctlBinary")]
    public string? EtcdctlBinary { get; set; }

    /// <summary>kwokctl's <c>etcdutlBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdutlBinary")]
    public string? EtcdutlBinary { get; set; }

    /// <summary>kwokctl's <c>kectlBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kectlBinary")]
    public string? KectlBinary { get; set; }

    /// <summary>kwokctl's <c>etcdBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdBinary")]
    public string? EtcdBinary { get; set; }

    /// <summary>kwokctl's <c>etcdBinaryTar</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdBinaryTar")]
    public string? EtcdBinaryTar { get; set; }

    /// <summary>kwokctl's <c>etcdPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdPrefix")]
    public string? EtcdPrefix { get; set; }

    /// <summary>kwokctl's <c>kwokBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kwokBinaryPrefix")]
    public string? KwokBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>kwokControllerBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kwokControllerBinary")]
    public string? KwokControllerBinary { get; set; }

    /// <summary>kwokctl's <c>prometheusBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusBinaryPrefix")]
    public string? PrometheusBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>prometheusBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusBinary")]
    public string? PrometheusBinary { get; set; }

    /// <summary>kwokctl's <c>prometheusBinaryTar</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prometheusBinaryTar")]
    public string? PrometheusBinaryTar { get; set; }

    /// <summary>kwokctl's <c>jaegerBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerBinaryPrefix")]
    public string? JaegerBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>jaegerBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerBinary")]
    public string? JaegerBinary { get; set; }

    /// <summary>kwokctl's <c>jaegerBinaryTar</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("jaegerBinaryTar")]
    public string? JaegerBinaryTar { get; set; }

    /// <summary>kwokctl's <c>metricsServerBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerBinaryPrefix")]
    public string? MetricsServerBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>metricsServerBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerBinary")]
    public string? MetricsServerBinary { get; set; }

    /// <summary>kwokctl's <c>kindBinaryPrefix</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kindBinaryPrefix")]
    public string? KindBinaryPrefix { get; set; }

    /// <summary>kwokctl's <c>kindBinary</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kindBinary")]
    public string? KindBinary { get; set; }

    /// <summary>kwokctl's <c>kubeFeatureGates</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeFeatureGates")]
    public string? KubeFeatureGates { get; set; }

    /// <summary>kwokctl's <c>kubeRuntimeConfig</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeRuntimeConfig")]
    public string? KubeRuntimeConfig { get; set; }

    /// <summary>kwokctl's <c>kubeAuditPolicy</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeAuditPolicy")]
    public string? KubeAuditPolicy { get; set; }

    /// <summary>kwokctl's <c>kubeAuthorization</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeAuthorization")]
    public bool? KubeAuthorization { get; set; }

    /// <summary>kwokctl's <c>kubeAdmission</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeAdmission")]
    public bool? KubeAdmission { get; set; }

    /// <summary>kwokctl's <c>etcdPeerPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdPeerPort")]
    public long? EtcdPeerPort { get; set; }

    /// <summary>kwokctl's <c>etcdPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdPort")]
    public long? EtcdPort { get; set; }

    /// <summary>kwokctl's <c>kubeControllerManagerPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeControllerManagerPort")]
    public long? KubeControllerManagerPort { get; set; }

    /// <summary>kwokctl's <c>kubeSchedulerPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeSchedulerPort")]
    public long? KubeSchedulerPort { get; set; }

    /// <summary>kwokctl's <c>dashboardPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dashboardPort")]
    public long? DashboardPort { get; set; }

    /// <summary>kwokctl's <c>kueuevizPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kueuevizPort")]
    public long? KueuevizPort { get; set; }

    /// <summary>kwokctl's <c>kwokControllerPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kwokControllerPort")]
    public long? KwokControllerPort { get; set; }

    /// <summary>kwokctl's <c>metricsServerPort</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("metricsServerPort")]
    public long? MetricsServerPort { get; set; }

    /// <summary>kwokctl's <c>cacheDir</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("cacheDir")]
    public string? CacheDir { get; set; }

    /// <summary>kwokctl's <c>kubeControllerManagerNodeMonitorPeriodMilliseconds</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeControllerManagerNodeMonitorPeriodMilliseconds")]
    public long? KubeControllerManagerNodeMonitorPeriodMilliseconds { get; set; }

    /// <summary>kwokctl's <c>kubeControllerManagerNodeMonitorGracePeriodMilliseconds</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeControllerManagerNodeMonitorGracePeriodMilliseconds")]
    public long? KubeControllerManagerNodeMonitorGracePeriodMilliseconds { get; set; }

    /// <summary>kwokctl's <c>nodeStatusUpdateFrequencyMilliseconds</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("nodeStatusUpdateFrequencyMilliseconds")]
    public long? NodeStatusUpdateFrequencyMilliseconds { get; set; }

    /// <summary>kwokctl's <c>nodeLeaseDurationSeconds</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("nodeLeaseDurationSeconds")]
    public long? NodeLeaseDurationSeconds { get; set; }

    /// <summary>kwokctl's <c>heartbeatFactor</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("heartbeatFactor")]
    public double? HeartbeatFactor { get; set; }

    /// <summary>kwokctl's <c>bindAddress</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("bindAddress")]
    public string? BindAddress { get; set; }

    /// <summary>kwokctl's <c>kubeApiserverCertSANs</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kubeApiserverCertSANs")]
    public List<string>? KubeApiserverCertSANs { get; set; }

    /// <summary>kwokctl's <c>disableQPSLimits</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("disableQPSLimits")]
    public bool? DisableQPSLimits { get; set; }

    /// <summary>kwokctl's <c>etcdQuotaBackendSize</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etcdQuotaBackendSize")]
    public string? EtcdQuotaBackendSize { get; set; }
}
