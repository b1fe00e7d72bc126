using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Components;

/// <summary>Every component KSail.NET can install, pinned.</summary>
public static class ComponentCatalog
{
    private const string LocalPathCommit = "9fa2a62eda441935d28b1d597aa5a3c665481d65";
    private const string MetricsServerCommit = "5ed5d3a2cf940a8c7541cfbac19af822f4c97844";
    private const string ArgoCdCommit = "37ee0097cf851bc2dd7665fc081bbce61a7e836e";

    /// <summary>rancher/local-path-provisioner v0.0.37: <c>deploy/local-path-storage.yaml</c>; its StorageClass made the default, as kind's own storage is.</summary>
    public static ComponentDefinition LocalPathProvisioner { get; } = new(
        "local-path-provisioner",
        "CSI",
        ComponentPhase.Infrastructure,
        "v0.0.37",
        [Raw("rancher/local-path-provisioner", LocalPathCommit, "deploy/local-path-storage.yaml", "9781b39c24f3f651bd6d6e41b561e04e4904bbdb6d4f8c7a6009df3a702dcd65")],
        Transform: objects =>
        {
            foreach (var storageClass in objects.Where(o => Manifests.Kind(o) == "StorageClass"))
            {
                Manifests.Annotations(storageClass)["storageclass.kubernetes.io/is-default-class"] = "true";
            }

            return objects;
        });

    /// <summary>
    /// kubernetes-sigs/metrics-server v0.9.0: the four files of <c>manifests/base</c> with what its
    /// <c>overlays/release</c> adds (the <c>k8s-app</c> label and selectors, the release image), and
    /// <c>--kubelet-insecure-tls</c>, because kind's and k3d's kubelets serve self-signed certificates.
    /// </summary>
    public static ComponentDefinition MetricsServer { get; } = new(
        "metrics-server",
        "metrics-server",
        ComponentPhase.Infrastructure,
        "v0.9.0",
        [
            Raw("kubernetes-sigs/metrics-server", MetricsServerCommit, "manifests/base/apiservice.yaml", "03266df7891b56dfffebb855a031b524ed20c6736846417ccd491dd91c6c0ec3"),
            Raw("kubernetes-sigs/metrics-server", MetricsServerCommit, "manifests/base/deployment.yaml", "18970227f17d0c6cb8e7a4a1cdde847117703afd3b0777badf8a006cfea252c2"),
            Raw("kubernetes-sigs/metrics-server", MetricsServerCommit, "manifests/base/rbac.yaml", "510be174d47ae7d05ae6908ccb7ca7111008f18b5d1a920ebc6de6582c23b854"),
            Raw("kubernetes-sigs/metrics-server", MetricsServerCommit, "manifests/base/service.yaml", "1ce19a57f4769906255c3410a38a01fb0f803e21976ce160f506a90638cbb5c7"),
        ],
        Transform: MetricsServerRelease);

    /// <summary>Argo CD's <c>manifests/install.yaml</c> (at a pinned commit of argoproj/argo-cd), in namespace <c>argocd</c>.</summary>
    public static ComponentDefinition ArgoCd { get; } = new(
        "argocd",
        "GitOps engine",
        ComponentPhase.GitOps,
        "install.yaml@" + ArgoCdCommit[..12],
        [Raw("argoproj/argo-cd", ArgoCdCommit, "manifests/install.yaml", "8e3566afe274f505ebaffbb7bbcb31f459ee7953a07ed161165ec551f3c3f2b9")],
        Namespace: "argocd");

    /// <summary>Every component.</summary>
    public static IReadOnlyList<ComponentDefinition> All => [LocalPathProvisioner, MetricsServer, FluxComponent.Definition, ArgoCd];

    /// <summary>The components a declaration asks KSail.NET to install, in install order.</summary>
    public static IReadOnlyList<ComponentDefinition> For(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var selected = new List<ComponentDefinition>();
        var settings = cluster.Settings;
        if (settings.Csi == Toggle.Enabled)
        {
            selected.Add(LocalPathProvisioner);
        }

        if (settings.MetricsServer == Toggle.Enabled)
        {
            selected.Add(MetricsServer);
        }

        switch (settings.GitOpsEngine)
        {
            case GitOpsEngine.Flux:
                selected.Add(FluxComponent.Definition);
                break;
            case GitOpsEngine.ArgoCD:
                selected.Add(ArgoCd);
                break;
        }

        return selected;
    }

    /// <summary>A file of an upstream GitHub repository at a pinned commit.</summary>
    internal static PinnedFile Raw(string repository, string commit, string path, string sha256) =>
        new(new Uri($"https://raw.githubusercontent.com/{repository}/{commit}/{path}"), sha256);

    private static IReadOnlyList<JsonObject> MetricsServerRelease(IReadOnlyList<JsonObject> objects)
    {
        foreach (var item in objects)
        {
            // kustomize's commonLabels: metadata, selectors and Pod templates.
            Manifests.Labels(item)["k8s-app"] = "metrics-server";
            switch (Manifests.Kind(item))
            {
                case "Deployment":
                    var spec = Manifests.Child(item, "spec");
                    Manifests.Child(Manifests.Child(spec, "selector"), "matchLabels")["k8s-app"] = "metrics-server";
                    var template = Manifests.Child(spec, "template");
                    Manifests.Labels(template)["k8s-app"] = "metrics-server";
                    foreach (var container in Manifests.Child(template, "spec")["containers"]?.AsArray().OfType<JsonObject>() ?? [])
                    {
                        if (container["image"]?.GetValue<string>()?.StartsWith("gcr.io/k8s-staging-metrics-server/metrics-server", StringComparison.Ordinal) == true)
                        {
                            container["image"] = "registry.k8s.io/metrics-server/metrics-server:v0.9.0";
                        }

                        if (container["args"] is JsonArray args && !args.Any(a => a?.GetValue<string>() == "--kubelet-insecure-tls"))
                        {
                            args.Add("--kubelet-insecure-tls");
                        }
                    }

                    break;
                case "Service":
                    Manifests.Child(Manifests.Child(item, "spec"), "selector")["k8s-app"] = "metrics-server";
                    break;
            }
        }

        return objects;
    }
}
