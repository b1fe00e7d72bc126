using KSail.Core.Components;
using KSail.Core.Registries;
using KSail.Core.Tests.Configuration;
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
}
