using System.Globalization;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// kwok.yaml (kwok v0.8.0): a <c>KwokctlConfiguration</c> first, then Stages (and a KwokConfiguration)
/// in the same multi-document file, as kwokctl's <c>--config</c> takes it. Read, checked with
/// file:line:col, and resolved into kwokctl's five containers on the <c>kwok-&lt;name&gt;</c> network.
/// </summary>
public sealed class KwokctlConfigFormat : INativeConfigFormat
{
    /// <summary>kwokctl's default cluster name (<c>kwokctl create cluster</c> without <c>--name</c>).</summary>
    public const string DefaultClusterName = "kwok";

    // The container names are kwok-<name>-kube-controller-manager (the longest), a DNS label of at most 63.
    private const int MaxClusterNameLength = 63 - 29;

    /// <inheritdoc/>
    public string DefaultFile => "kwok.yaml";

    /// <inheritdoc/>
    public string ApiVersion => KwokctlConfiguration.ApiVersionV1Alpha1;

    /// <inheritdoc/>
    public string Kind => KwokctlConfiguration.KindName;

    /// <inheritdoc/>
    public string ApiVersionGroup => "config.kwok.x-k8s.io/";

    /// <inheritdoc/>
    public string ConvertHint => " (kwokctl has no other version of its configuration)";

    /// <inheritdoc/>
    public string DefaultName => DefaultClusterName;

    /// <inheritdoc/>
    public BuiltInComponents BuiltIns { get; } = new(
        "none (KWOK's nodes are simulated: no Pod network)", "none (simulated nodes mount no volumes)", "none (simulated nodes have no kubelet to measure)", "none");

    /// <inheritdoc/>
    public string StateKey => "kwokctl";

    /// <inheritdoc/>
    public FieldUse Fields => KwokFields.Use;

    /// <inheritdoc/>
    public object Defaults() => new KwokctlConfiguration();

    /// <inheritdoc/>
    public object Redacted(object model) => (KwokctlConfiguration)model; // kwok.yaml holds no secrets (the PKI lives in the work folder)

    /// <inheritdoc/>
    public string Template(string name, int workers) =>
        string.Create(CultureInfo.InvariantCulture, $"""
        # kwokctl's configuration (kwok v0.8.0); the fake nodes are spec.cluster.workers in ksail.yaml ({workers}).
        apiVersion: {KwokctlConfiguration.ApiVersionV1Alpha1}
        kind: {KwokctlConfiguration.KindName}
        metadata:
          name: {name}
        options:
          etcdImage: {KwokImages.Etcd}
          kubeApiserverImage: {KwokImages.KubeApiserver}
          kubeControllerManagerImage: {KwokImages.KubeControllerManager}
          kubeSchedulerImage: {KwokImages.KubeScheduler}
          kwokControllerImage: {KwokImages.KwokController}

        """);

    /// <inheritdoc/>
    public object Read(NativeYaml yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var config = yaml.Read<KwokctlConfiguration>();
        for (var i = 0; i < yaml.More; i++)
        {
            config.Documents.Add(yaml.ReadMore<KwokDocument>(i).WithText(yaml.MoreText(i)));
        }

        return config;
    }

    /// <inheritdoc/>
    public (string? Name, string Path) DeclaredName(NativeConfig native)
    {
        ArgumentNullException.ThrowIfNull(native);
        return (((KwokctlConfiguration)native.Model).Metadata?.Name, "metadata.name");
    }

    /// <inheritdoc/>
    public string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > MaxClusterNameLength
            ? $"the cluster name '{name}' has {name.Length} characters; kwokctl's container names (kwok-<name>-kube-controller-manager) allow at most {MaxClusterNameLength}"
            : null;
    }

    /// <inheritdoc/>
    public string Network(string name, NativeConfig native) => KwokNames.Project(name);

    /// <inheritdoc/>
    public void Check(NativeConfig native, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        var config = (KwokctlConfiguration)native.Model;
        SourceLocation At(string path) => context.At(native, path);
        var options = config.Options ?? new KwokctlOptions();

        if (options.Runtime is { } runtime && runtime != "docker")
        {
            context.Error(At("options.runtime"), $"options.runtime is '{runtime}', but KSail.NET runs KWOK clusters on Docker, as kwokctl's docker runtime; set it to docker or remove it");
        }

        if (options.SecurePort == false)
        {
            context.Error(At("options.securePort"), "options.securePort is false, but KSail.NET serves the API over TLS with kwokctl's PKI (kwokctl's default); remove the field");
        }

        if (options.KubeApiserverPort is { } port && port is < 0 or > 65535)
        {
            context.Error(At("options.kubeApiserverPort"), $"options.kubeApiserverPort is {port}; use a port from 1 to 65535, or 0 (or none) for a free one");
        }

        if (options.EtcdQuotaBackendSize is { } quota && !KwokComponents.TryQuotaBytes(quota, out _))
        {
            context.Error(At("options.etcdQuotaBackendSize"), $"options.etcdQuotaBackendSize is '{quota}'; write a Kubernetes quantity such as 8Gi or 2G");
        }

        foreach (var (path, image) in new[]
        {
            ("options.etcdImage", options.EtcdImage), ("options.kubeApiserverImage", options.KubeApiserverImage),
            ("options.kubeControllerManagerImage", options.KubeControllerManagerImage), ("options.kubeSchedulerImage", options.KubeSchedulerImage),
            ("options.kwokControllerImage", options.KwokControllerImage),
        })
        {
            if (image is "")
            {
                context.Error(At(path), $"{path} is empty; name an image, or remove the field for KSail's pin");
            }
        }

        for (var i = 0; i < config.Documents.Count; i++)
        {
            CheckDocument(config.Documents[i], NativeYaml.DocumentPath(i), At, context);
        }
    }

    // What kwok's controller reads from the file beside kwokctl's configuration: Stages and its own configuration.
    private static void CheckDocument(KwokDocument document, string path, Func<string, SourceLocation> at, NativeConfigContext context)
    {
        var stage = (KwokDocument.StageApiVersion, "Stage");
        var controller = (KwokctlConfiguration.ApiVersionV1Alpha1, "KwokConfiguration");
        if (document.Kind is not ("Stage" or "KwokConfiguration" or KwokctlConfiguration.KindName))
        {
            context.Error(
                at(document.Kind is null ? path : $"{path}.kind"),
                $"{path}.kind is '{document.Kind}'; kwok.yaml's later documents are Stages (apiVersion: {stage.Item1}) or a KwokConfiguration (apiVersion: {controller.Item1})");
            return;
        }

        if (document.Kind == KwokctlConfiguration.KindName)
        {
            context.Error(at($"{path}.kind"), $"{path} is a second {KwokctlConfiguration.KindName}; kwok.yaml holds one, as its first document");
            return;
        }

        var expected = document.Kind == "Stage" ? stage.Item1 : controller.Item1;
        if (document.ApiVersion != expected)
        {
            context.Error(at(document.ApiVersion is null ? path : $"{path}.apiVersion"), $"{path}.apiVersion is '{document.ApiVersion}', but a {document.Kind} is apiVersion {expected}");
        }

        if (document.Kind == "Stage")
        {
            if (document.Spec?.ResourceRef is not { } resource)
            {
                context.Error(
                    at(document.Spec is null ? path : $"{path}.spec"),
                    $"the Stage at {path} has no spec.resourceRef; name the objects it acts on, e.g. resourceRef: {{apiGroup: v1, kind: Pod}}");
            }
            else if (string.IsNullOrEmpty(resource.Kind))
            {
                context.Error(at($"{path}.spec.resourceRef"), $"the Stage at {path} has no spec.resourceRef.kind; name the kind it acts on (Node, Pod, ...)");
            }

            if (document.Options is not null)
            {
                context.Error(at($"{path}.options"), $"{path} is a Stage, which has spec, not options");
            }
        }
        else if (document.Spec is not null)
        {
            context.Error(at($"{path}.spec"), $"{path} is a KwokConfiguration, which has options, not spec");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<NodeDefinition> Nodes(string name, NativeConfig native, ClusterSpec? cluster, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(context);
        RefuseKubeletComponents(cluster, context);
        if (cluster?.ControlPlanes is { } planes and not 1)
        {
            context.Error(context.At("spec.cluster.controlPlanes"), $"spec.cluster.controlPlanes is {planes}, but kwokctl runs one control plane (one kube-apiserver); remove the field or set it to 1");
        }

        if (cluster?.Workers is < 0)
        {
            context.Error(context.At("spec.cluster.workers"), "spec.cluster.workers must be 0 or more (the fake nodes)");
        }

        // kwokctl's five containers, the API server first (it holds the kubeconfig and publishes the API).
        var images = KwokImages.Of((KwokctlConfiguration)native.Model);
        return [.. KwokNames.Components.OrderBy(c => c == KwokNames.KubeApiserver ? 0 : 1).Select(c => new NodeDefinition(KwokNames.Container(name, c), NodeRole.ControlPlane, images[c]))];
    }

    // Phase 1 components run on kubelets (DaemonSets, node plugins, the kubelet's metrics): a simulated node has none.
    private static void RefuseKubeletComponents(ClusterSpec? cluster, NativeConfigContext context)
    {
        if (cluster?.Csi == Toggle.Enabled)
        {
            context.Error(context.At("spec.cluster.csi"), "spec.cluster.csi is Enabled, but KWOK's nodes are simulated: no kubelet mounts a volume, so a CSI driver cannot work; remove the field or set it to Default");
        }

        if (cluster?.MetricsServer == Toggle.Enabled)
        {
            context.Error(context.At("spec.cluster.metricsServer"), "spec.cluster.metricsServer is Enabled, but KWOK's nodes are simulated: there is no kubelet for metrics-server to read; remove the field or set it to Default");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<PublishedPort> Ports(string name, NativeConfig native, IReadOnlyList<NodeDefinition> nodes)
    {
        ArgumentNullException.ThrowIfNull(native);
        var config = (KwokctlConfiguration)native.Model;
        var port = (int)(config.Options?.KubeApiserverPort ?? 0);

        // kwokctl publishes the API on the host's loopback (the kubeconfig.yaml it writes names 127.0.0.1).
        return [new PublishedPort(KwokNames.Container(name, KwokNames.KubeApiserver), "127.0.0.1", port, KwokNames.ApiPort, "TCP", "Kubernetes API", native.Locations.GetValueOrDefault("options.kubeApiserverPort"))];
    }

    /// <inheritdoc/>
    public void CheckCni(Cni cni, NativeConfig native, NativeConfigContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cni != Cni.Default)
        {
            context.Error(
                context.At("spec.cluster.cni"),
                $"spec.cluster.cni is {cni}, but KWOK's nodes are simulated: no kubelet runs the CNI's Pods nor a Pod network; remove the field or set it to Default");
        }
    }

    /// <inheritdoc/>
    public string? CniDisabledBy(object model) => null;
}
