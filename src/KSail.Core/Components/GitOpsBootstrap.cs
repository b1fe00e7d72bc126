using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Labels;
using KSail.Core.Registries;
using KSail.Core.Workloads;

namespace KSail.Core.Components;

/// <summary>
/// The GitOps engine's first sync objects for the declared workload, as KSail writes them: for Flux
/// an OCIRepository and a Kustomization named <c>flux-system</c>; for Argo CD an Application (and, for a local
/// registry, the repository Secret that lets Argo CD read it over plain HTTP). They
/// point at the workload's OCI artifact in <c>spec.cluster.localRegistry.registry</c> (tag
/// <c>spec.workload.tag</c>, else <c>dev</c>; a local registry by its container's name on the cluster's
/// network, over plain HTTP), and carry KSail.NET's label, so GitOps readiness waits for them.
/// Without a registry there is nothing to sync: the engine is installed alone.
/// </summary>
public static class GitOpsBootstrap
{
    /// <summary>The component name the sync objects are labelled with.</summary>
    public const string Component = "gitops-sync";

    /// <summary>The Argo CD repository Secret of a local registry (KSail's <c>repositorySecretName</c>).</summary>
    public const string ArgoRepositorySecret = "ksail-local-registry-repo";

    /// <summary>The sync objects for <paramref name="cluster"/> (empty when it declares no engine or no registry).</summary>
    public static IReadOnlyList<JsonObject> For(ClusterDefinition cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var spec = cluster.Declared.Spec;
        if (spec?.Cluster?.LocalRegistry?.Registry is not { Length: > 0 } registry || (spec.Cluster.GitOpsEngine ?? GitOpsEngine.None) is GitOpsEngine.None)
        {
            return [];
        }

        // A local registry is reached in the cluster by its container's name on the cluster's network,
        // over plain HTTP (KSail's buildLocalRegistryURL, and its OCIRepository patched insecure).
        var reference = RegistryReference.Parse(registry);
        var local = cluster.Registries.FirstOrDefault(r => r.Role == RegistryContainer.LocalRegistryRole);
        // The repository and tag are the ones 'workload push' and create's push write (one rule: WorkloadPush).
        var repository = WorkloadPush.Repository(cluster);
        var url = local is not null ? $"oci://{local.NetworkHost}/{repository}" : reference.OciUrl(repository);
        var tag = WorkloadPush.Tag(cluster);
        var path = spec.Workload?.KustomizationFile is { Length: > 0 } file ? "./" + (System.IO.Path.GetDirectoryName(file.Replace('\\', '/')) ?? string.Empty).Replace('\\', '/').Trim('/') : "./";
        var labels = new JsonObject { [ResourceLabels.ManagedBy] = ResourceLabels.Tool };
        if (spec.Cluster.GitOpsEngine == GitOpsEngine.ArgoCD)
        {
            // Argo CD reads a local registry over plain HTTP only when a repository Secret of type oci
            // says so (insecureOCIForceHttp), as KSail writes it (pkg/client/argocd/repository_secret.go).
            IReadOnlyList<JsonObject> repositorySecret = local is null ? [] :
            [
                new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Secret",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = ArgoRepositorySecret,
                        ["namespace"] = "argocd",
                        ["labels"] = new JsonObject { [ResourceLabels.ManagedBy] = ResourceLabels.Tool, ["argocd.argoproj.io/secret-type"] = "repository" },
                    },
                    ["stringData"] = new JsonObject { ["type"] = "oci", ["url"] = url, ["insecureOCIForceHttp"] = "true" },
                },
            ];
            return
            [
                .. repositorySecret,
                new JsonObject
                {
                    ["apiVersion"] = "argoproj.io/v1alpha1",
                    ["kind"] = "Application",
                    ["metadata"] = new JsonObject { ["name"] = cluster.Name, ["namespace"] = "argocd", ["labels"] = labels },
                    ["spec"] = new JsonObject
                    {
                        ["project"] = "default",
                        ["source"] = new JsonObject { ["repoURL"] = url, ["targetRevision"] = tag, ["path"] = path == "./" ? "." : path[2..] },
                        ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc" },
                        ["syncPolicy"] = new JsonObject { ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true } },
                    },
                },
            ];
        }

        return
        [
            new JsonObject
            {
                ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
                ["kind"] = "OCIRepository",
                ["metadata"] = new JsonObject { ["name"] = FluxComponent.Namespace, ["namespace"] = FluxComponent.Namespace, ["labels"] = labels.DeepClone() },
                ["spec"] = local is null
                    ? new JsonObject { ["interval"] = "1m", ["url"] = url, ["ref"] = new JsonObject { ["tag"] = tag } }
                    : new JsonObject { ["interval"] = "1m", ["url"] = url, ["ref"] = new JsonObject { ["tag"] = tag }, ["insecure"] = true },
            },
            new JsonObject
            {
                ["apiVersion"] = "kustomize.toolkit.fluxcd.io/v1",
                ["kind"] = "Kustomization",
                ["metadata"] = new JsonObject { ["name"] = FluxComponent.Namespace, ["namespace"] = FluxComponent.Namespace, ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["interval"] = "1m",
                    ["path"] = path,
                    ["prune"] = true,
                    ["sourceRef"] = new JsonObject { ["kind"] = "OCIRepository", ["name"] = FluxComponent.Namespace },
                },
            },
        ];
    }
}
