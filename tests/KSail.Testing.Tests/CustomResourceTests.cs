using k8s;
using k8s.Models;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>The real Flux and Argo CD CRDs from the upstream data are served by the test bed.</summary>
[Trait("Requires", "Docker")]
public sealed class CustomResourceTests(ControlPlane controlPlane) : IAsyncLifetime
{
    private readonly string ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";

    public async ValueTask InitializeAsync()
    {
        await controlPlane.StartAsync();
        await controlPlane.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() =>
        await controlPlane.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);

    [Fact]
    public async Task The_Flux_Kustomization_CRD_is_served_accepts_an_object_and_takes_a_status()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = controlPlane.Client;
        await CustomResourceDefinitions.ApplyAsync(client, RepositoryPaths.UpstreamFile("flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml"), ct);

        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<Dictionary<string, object>>(
            new Dictionary<string, object>
            {
                ["apiVersion"] = "kustomize.toolkit.fluxcd.io/v1",
                ["kind"] = "Kustomization",
                ["metadata"] = new Dictionary<string, object> { ["name"] = "apps" },
                ["spec"] = new Dictionary<string, object>
                {
                    ["interval"] = "10m",
                    ["path"] = "./k8s",
                    ["prune"] = true,
                    ["sourceRef"] = new Dictionary<string, object> { ["kind"] = "OCIRepository", ["name"] = "flux-system" },
                },
            },
            "kustomize.toolkit.fluxcd.io",
            "v1",
            ns,
            "kustomizations",
            cancellationToken: ct);
        Assert.NotNull(created);

        // Act as kustomize-controller would: report Ready, and say so in an event.
        var controller = new StandInController(client);
        await controller.SetConditionAsync("kustomize.toolkit.fluxcd.io", "v1", "kustomizations", ns, "apps", "Ready", "True", "ReconciliationSucceeded", "Applied revision: latest", ct);
        await controller.EmitEventAsync(
            new V1ObjectReference { ApiVersion = "kustomize.toolkit.fluxcd.io/v1", Kind = "Kustomization", Name = "apps", NamespaceProperty = ns },
            "Normal",
            "ReconciliationSucceeded",
            "Reconciliation finished",
            "kustomize-controller",
            ct);

        var read = await client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("kustomize.toolkit.fluxcd.io", "v1", ns, "kustomizations", "apps", ct);
        var condition = read.GetProperty("status").GetProperty("conditions")[0];
        Assert.Equal("Ready", condition.GetProperty("type").GetString());
        Assert.Equal("True", condition.GetProperty("status").GetString());
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
        Assert.Contains(events.Items, e => e.InvolvedObject.Name == "apps" && e.Reason == "ReconciliationSucceeded" && e.Source.Component == "kustomize-controller");
    }

    [Fact]
    public async Task The_ArgoCD_Application_CRD_is_served_and_accepts_an_object()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = controlPlane.Client;
        await CustomResourceDefinitions.ApplyAsync(client, RepositoryPaths.UpstreamFile("argocd/application-crd.yaml"), ct);

        await client.CustomObjects.CreateNamespacedCustomObjectAsync<Dictionary<string, object>>(
            new Dictionary<string, object>
            {
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["kind"] = "Application",
                ["metadata"] = new Dictionary<string, object> { ["name"] = "guestbook" },
                ["spec"] = new Dictionary<string, object>
                {
                    ["project"] = "default",
                    ["source"] = new Dictionary<string, object> { ["repoURL"] = "oci://registry.local/guestbook", ["path"] = ".", ["targetRevision"] = "dev" },
                    ["destination"] = new Dictionary<string, object> { ["server"] = "https://kubernetes.default.svc", ["namespace"] = "default" },
                },
            },
            "argoproj.io",
            "v1alpha1",
            ns,
            "applications",
            cancellationToken: ct);

        var read = await client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("argoproj.io", "v1alpha1", ns, "applications", "guestbook", ct);
        Assert.Equal("default", read.GetProperty("spec").GetProperty("project").GetString());
    }
}
