using KSail.Core.Components;
using KSail.Core.Registries;
using KSail.Core.Tests.Configuration;
using KSail.Core.Workloads;
using KSail.Testing;

namespace KSail.Core.Tests.Components;

public sealed class GitOpsBootstrapTests
{
    [Theory]
    [InlineData("ghcr.io/my-org/my-repo", "ghcr.io", null, "my-org/my-repo", false, false)]
    [InlineData("localhost:5050", "localhost", 5050, null, false, true)]
    [InlineData("${USER}:${PASS}@ghcr.io:443/my-org", "ghcr.io", 443, "my-org", true, false)]
    [InlineData("127.0.0.1:5000/", "127.0.0.1", 5000, null, false, true)]
    [InlineData("registry.localhost", "registry.localhost", null, null, false, true)]
    public void A_registry_reference_is_read_as_KSail_writes_it(string text, string host, int? port, string? path, bool credentials, bool local)
    {
        var registry = RegistryReference.Parse(text);
        Assert.Equal(new RegistryReference(host, port, path, credentials), registry);
        Assert.Equal(local, registry.IsLocal);
    }

    [Fact]
    public void Flux_gets_an_OCIRepository_and_a_Kustomization_for_the_workload_labelled_for_readiness()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", """
            apiVersion: ksail.io/v1alpha1
            kind: Cluster
            metadata:
              name: shop
            spec:
              cluster:
                gitOpsEngine: Flux
                localRegistry:
                  registry: ghcr.io:443
              workload:
                tag: v1.2.3
                kustomizationFile: clusters/local/kustomization.yaml
            """));

        var objects = GitOpsBootstrap.For(cluster);

        Assert.Equal(["OCIRepository flux-system/flux-system", "Kustomization flux-system/flux-system"], objects.Select(Manifests.Describe));
        Assert.Equal("oci://ghcr.io:443/shop", objects[0]["spec"]!["url"]!.GetValue<string>());
        Assert.Equal("v1.2.3", objects[0]["spec"]!["ref"]!["tag"]!.GetValue<string>());
        Assert.Equal("./clusters/local", objects[1]["spec"]!["path"]!.GetValue<string>());
        Assert.All(objects, o => Assert.Equal("ksail.net", o["metadata"]!["labels"]!["io.ksail.managed-by"]!.GetValue<string>()));
    }

    [Fact]
    public void Argo_CD_gets_an_Application_and_without_a_registry_there_is_nothing_to_sync()
    {
        using var dir = new ScratchDirectory();
        var argo = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: shop\nspec:\n  cluster:\n    gitOpsEngine: ArgoCD\n    localRegistry:\n      registry: ghcr.io/acme/shop-workload\n"));
        var application = Assert.Single(GitOpsBootstrap.For(argo));
        Assert.Equal("Application argocd/shop", Manifests.Describe(application));
        Assert.Equal("oci://ghcr.io/acme/shop-workload", application["spec"]!["source"]!["repoURL"]!.GetValue<string>());
        Assert.Equal(("dev", "."), (application["spec"]!["source"]!["targetRevision"]!.GetValue<string>(), application["spec"]!["source"]!["path"]!.GetValue<string>()));

        var alone = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    gitOpsEngine: Flux\n"));
        Assert.Empty(GitOpsBootstrap.For(alone));
    }

    [Theory]
    [InlineData("Flux")]
    [InlineData("ArgoCD")]
    public void A_local_registry_is_named_by_its_container_on_the_cluster_network_at_the_repository_and_tag_workload_push_writes(string engine)
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(
            dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: shop\nspec:\n  cluster:\n    gitOpsEngine: {engine}\n    localRegistry:\n      registry: localhost:5050\n  workload:\n    sourceDirectory: deploy/K8s\n    tag: v2\n"),
            new Dictionary<string, string?>());

        var objects = GitOpsBootstrap.For(cluster);

        // KSail's buildLocalRegistryURL: <cluster>-local-registry:5000/<source directory as a DNS label>; the same rule as the push's
        Assert.Equal(("deploy-k8s", "v2"), (WorkloadPush.Repository(cluster), WorkloadPush.Tag(cluster)));
        if (engine == "Flux")
        {
            var source = objects[0]["spec"]!;
            Assert.Equal(("oci://shop-local-registry:5000/deploy-k8s", "v2", true), (source["url"]!.GetValue<string>(), source["ref"]!["tag"]!.GetValue<string>(), source["insecure"]!.GetValue<bool>()));
            return;
        }

        // Argo CD: the repository Secret that lets it read the registry over plain HTTP (KSail's repository_secret.go), then the Application
        Assert.Equal(["Secret argocd/ksail-local-registry-repo", "Application argocd/shop"], objects.Select(Manifests.Describe));
        Assert.Equal("repository", objects[0]["metadata"]!["labels"]!["argocd.argoproj.io/secret-type"]!.GetValue<string>());
        var data = objects[0]["stringData"]!;
        Assert.Equal(("oci", "oci://shop-local-registry:5000/deploy-k8s", "true"), (data["type"]!.GetValue<string>(), data["url"]!.GetValue<string>(), data["insecureOCIForceHttp"]!.GetValue<string>()));
        Assert.Equal(("oci://shop-local-registry:5000/deploy-k8s", "v2"), (objects[1]["spec"]!["source"]!["repoURL"]!.GetValue<string>(), objects[1]["spec"]!["source"]!["targetRevision"]!.GetValue<string>()));
    }
}
