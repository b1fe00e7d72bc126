using System.Text.Json.Nodes;
using KSail.Core.Configuration;

namespace KSail.Core.Components;

/// <summary>
/// Flux: the upstream CRDs of source-controller, kustomize-controller and helm-controller (pinned
/// files), plus the controllers themselves, rendered here as <c>flux install</c> renders them (the
/// Flux CLI is Flux's own installer; its controller manifests are not published as single files).
/// </summary>
public static class FluxComponent
{
    /// <summary>The namespace of Flux's controllers.</summary>
    public const string Namespace = "flux-system";

    private const string SourceCommit = "39b711b111fa906c3db0a424e252a5d12e48646d";
    private const string KustomizeCommit = "186fb3b29138ce82ff61ba1a9370b96a3dd598fe";
    private const string HelmCommit = "0f61a8607a62be64638f2f912d9487e653960a6e";

    private const string Version = "v2.9.4";

    // flux2 v2.9.4's controllers (its release bundles source-controller v1.9.4, kustomize-controller
    // v1.9.4, helm-controller v1.6.3); the pinned CRDs are those of these releases.
    private static readonly (string Name, string Image, int Grace)[] Controllers =
    [
        ("source-controller", "ghcr.io/fluxcd/source-controller:v1.9.4", 10),
        ("kustomize-controller", "ghcr.io/fluxcd/kustomize-controller:v1.9.4", 60),
        ("helm-controller", "ghcr.io/fluxcd/helm-controller:v1.6.3", 600),
    ];

    /// <summary>The Flux component.</summary>
    public static ComponentDefinition Definition { get; } = new(
        "flux",
        "GitOps engine",
        ComponentPhase.GitOps,
        Version,
        [
            ComponentCatalog.Raw("fluxcd/source-controller", SourceCommit, "config/crd/bases/source.toolkit.fluxcd.io_gitrepositories.yaml", "bd0c08183287b2eea0d885751fc686bc4b2b583e919de6bd57859170b8d1727f"),
            ComponentCatalog.Raw("fluxcd/source-controller", SourceCommit, "config/crd/bases/source.toolkit.fluxcd.io_ocirepositories.yaml", "80c7c6e5c8de0764cc83acd4de5c74bea8e51186085304d22cecc5f2eb35500e"),
            ComponentCatalog.Raw("fluxcd/kustomize-controller", KustomizeCommit, "config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml", "da23ca0e6b4c80d3d26a91583137491e147ef4ef1e2208aece0d0af4ef851974"),
            ComponentCatalog.Raw("fluxcd/helm-controller", HelmCommit, "config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml", "aa8638ac68465ceac1f93a617baf5be833c589c51fd78a7384a4a274c252becc"),
        ],
        Namespace,
        Transform: crds => [.. crds, .. ControllerObjects()]);

    private static IEnumerable<JsonObject> ControllerObjects()
    {
        JsonObject Labels(string? component) => component is null
            ? new JsonObject { ["app.kubernetes.io/instance"] = Namespace, ["app.kubernetes.io/part-of"] = "flux", ["app.kubernetes.io/version"] = Version }
            : new JsonObject { ["app.kubernetes.io/instance"] = Namespace, ["app.kubernetes.io/part-of"] = "flux", ["app.kubernetes.io/version"] = Version, ["app.kubernetes.io/component"] = component };

        yield return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = Namespace, ["labels"] = Labels(null) },
        };
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRoleBinding",
            ["metadata"] = new JsonObject { ["name"] = "cluster-reconciler-" + Namespace, ["labels"] = Labels(null) },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "cluster-admin" },
            ["subjects"] = new JsonArray(Controllers.Where(c => c.Name != "source-controller").Select(c => (JsonNode)new JsonObject { ["kind"] = "ServiceAccount", ["name"] = c.Name, ["namespace"] = Namespace }).ToArray()),
        };
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = "crd-controller-" + Namespace, ["labels"] = Labels(null) },
            ["rules"] = new JsonArray(
                Rule(["source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io"], ["*"], ["*"]),
                Rule([string.Empty], ["namespaces", "secrets", "configmaps", "serviceaccounts"], ["get", "list", "watch"]),
                Rule([string.Empty], ["events"], ["create", "patch"]),
                Rule([string.Empty], ["configmaps"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
                Rule(["coordination.k8s.io"], ["leases"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
                Rule([string.Empty], ["serviceaccounts/token"], ["create"])),
        };
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRoleBinding",
            ["metadata"] = new JsonObject { ["name"] = "crd-controller-" + Namespace, ["labels"] = Labels(null) },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "crd-controller-" + Namespace },
            ["subjects"] = new JsonArray(Controllers.Select(c => (JsonNode)new JsonObject { ["kind"] = "ServiceAccount", ["name"] = c.Name, ["namespace"] = Namespace }).ToArray()),
        };
        foreach (var (name, image, grace) in Controllers)
        {
            yield return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace, ["labels"] = Labels(name) },
            };
            yield return Deployment(name, image, grace, Labels(name));
        }

        yield return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "source-controller", ["namespace"] = Namespace, ["labels"] = Labels("source-controller") },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["selector"] = new JsonObject { ["app"] = "source-controller" },
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["protocol"] = "TCP", ["targetPort"] = "http" }),
            },
        };
    }

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = new JsonArray(groups.Select(g => (JsonNode)JsonValue.Create(g)).ToArray()),
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
        ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
    };

    private static JsonObject Deployment(string name, string image, int grace, JsonObject labels)
    {
        // No --events-addr: KSail.NET does not install notification-controller.
        var args = new JsonArray("--watch-all-namespaces=true", "--log-level=info", "--log-encoding=json", "--enable-leader-election");
        var ports = new JsonArray(
            new JsonObject { ["containerPort"] = 8080, ["name"] = "http-prom", ["protocol"] = "TCP" },
            new JsonObject { ["containerPort"] = 9440, ["name"] = "healthz", ["protocol"] = "TCP" });
        var mounts = new JsonArray(new JsonObject { ["name"] = "temp", ["mountPath"] = "/tmp" });
        var volumes = new JsonArray(new JsonObject { ["name"] = "temp", ["emptyDir"] = new JsonObject() });
        var env = new JsonArray(
            new JsonObject { ["name"] = "RUNTIME_NAMESPACE", ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.namespace" } } },
            new JsonObject { ["name"] = "GOMEMLIMIT", ["valueFrom"] = new JsonObject { ["resourceFieldRef"] = new JsonObject { ["containerName"] = "manager", ["resource"] = "limits.memory" } } });
        if (name == "source-controller")
        {
            args.Add("--storage-path=/data");
            args.Add("--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local.");
            ports.Add(new JsonObject { ["containerPort"] = 9090, ["name"] = "http", ["protocol"] = "TCP" });
            mounts.Add(new JsonObject { ["name"] = "data", ["mountPath"] = "/data" });
            volumes.Add(new JsonObject { ["name"] = "data", ["emptyDir"] = new JsonObject() });
            env.Add(new JsonObject { ["name"] = "TUF_ROOT", ["value"] = "/tmp/.sigstore" });
        }

        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace, ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["labels"] = Merge(labels, new JsonObject { ["app"] = name }),
                        ["annotations"] = new JsonObject { ["prometheus.io/scrape"] = "true", ["prometheus.io/port"] = "8080" },
                    },
                    ["spec"] = new JsonObject
                    {
                        ["serviceAccountName"] = name,
                        ["terminationGracePeriodSeconds"] = grace,
                        ["nodeSelector"] = new JsonObject { ["kubernetes.io/os"] = "linux" },
                        ["priorityClassName"] = "system-cluster-critical",
                        ["securityContext"] = new JsonObject { ["fsGroup"] = 1337 },
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "manager",
                            ["image"] = image,
                            ["imagePullPolicy"] = "IfNotPresent",
                            ["args"] = args,
                            ["env"] = env,
                            ["ports"] = ports,
                            ["readinessProbe"] = name == "source-controller"
                                ? new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/", ["port"] = "http" } }
                                : new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/readyz", ["port"] = "healthz" } },
                            ["livenessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz", ["port"] = "healthz" } },
                            ["resources"] = new JsonObject
                            {
                                ["limits"] = new JsonObject { ["cpu"] = "1000m", ["memory"] = "1Gi" },
                                ["requests"] = new JsonObject { ["cpu"] = name == "source-controller" ? "50m" : "100m", ["memory"] = "64Mi" },
                            },
                            ["securityContext"] = new JsonObject
                            {
                                ["allowPrivilegeEscalation"] = false,
                                ["readOnlyRootFilesystem"] = true,
                                ["runAsNonRoot"] = true,
                                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                                ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
                            },
                            ["volumeMounts"] = mounts,
                        }),
                        ["volumes"] = volumes,
                    },
                },
            },
        };
        if (name == "source-controller")
        {
            Manifests.Child(deployment, "spec")["strategy"] = new JsonObject { ["type"] = "Recreate" };
        }

        return deployment;
    }

    private static JsonObject Merge(JsonObject first, JsonObject second)
    {
        var merged = (JsonObject)first.DeepClone();
        foreach (var (key, value) in second)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }
}
