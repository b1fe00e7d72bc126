using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KSail.Core.Components;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Components;

/// <summary>
/// The component installer against a real API server of its own (other tests of this assembly
/// apply Flux's CRDs themselves, as objects KSail.NET did not create), with the real upstream files
/// served from 127.0.0.1 as a mirror.
/// </summary>
public sealed class ComponentInstallerTests(ComponentInstallerTests.OwnControlPlane own) : IClassFixture<ComponentInstallerTests.OwnControlPlane>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly UpstreamMirror mirror = new();
    private readonly ScratchDirectory cache = new();
    private readonly HttpClient http = new();

    private Kubernetes Client => (Kubernetes)own.Plane.Client;

    public async ValueTask InitializeAsync() => await own.Plane.StartAsync();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        cache.Dispose();
        await mirror.DisposeAsync();
    }

    [Theory]
    [InlineData("local-path-provisioner")]
    [InlineData("metrics-server")]
    [InlineData("flux")]
    [InlineData("argocd")]
    public async Task A_component_is_applied_from_verified_files_a_second_run_changes_nothing_and_uninstall_leaves_nothing(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var component = ComponentCatalog.All.Single(c => c.Name == name);
        var installer = Installer(mirror.BaseAddress);
        var applier = new ComponentApplier(new KubeApi(Client));
        var objects = await installer.ObjectsAsync(component, ct);

        var first = await applier.ApplyAsync(name, objects, Timeout, ct);
        Assert.Equal(objects.Count, first.Created + first.Unchanged);
        var api = new KubeApi(Client);
        var versions = await ResourceVersionsAsync(api, objects, ct);
        Assert.DoesNotContain(null, versions.Values);
        foreach (var crd in objects.Where(o => Manifests.Kind(o) == "CustomResourceDefinition"))
        {
            var served = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(Manifests.Name(crd), cancellationToken: ct);
            Assert.Contains(served.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        }

        var second = await applier.ApplyAsync(name, await installer.ObjectsAsync(component, ct), Timeout, ct);
        Assert.Equal(new ApplyResult(0, 0, objects.Count), second);
        Assert.Equal(versions, await ResourceVersionsAsync(api, objects, ct));

        var deleted = await applier.UninstallAsync(name, objects, Timeout, ct);
        Assert.NotEmpty(deleted);
        Assert.All((await ResourceVersionsAsync(api, objects, ct)).Values, Assert.Null);
    }

    [Fact]
    public async Task Files_are_fetched_once_and_then_read_from_the_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        var installer = Installer(mirror.BaseAddress);
        await installer.ObjectsAsync(ComponentCatalog.MetricsServer, ct);
        Assert.Equal(4, mirror.Requests.Count);
        await installer.ObjectsAsync(ComponentCatalog.MetricsServer, ct);
        Assert.Equal(4, mirror.Requests.Count);
        Assert.Equal(4, Directory.GetFiles(cache.Path).Length);
    }

    [Fact]
    public async Task A_file_that_is_not_the_pinned_one_is_refused_naming_the_component_and_the_address_and_nothing_is_applied()
    {
        var ct = TestContext.Current.CancellationToken;
        var original = await File.ReadAllTextAsync(RepositoryPaths.UpstreamFile("local-path/local-path-storage.yaml"), ct);
        mirror.Replace("deploy/local-path-storage.yaml", Encoding.UTF8.GetBytes(original.Replace("v0.0.37", "v0.0.38", StringComparison.Ordinal)));

        var error = await Assert.ThrowsAsync<ComponentException>(() => Installer(mirror.BaseAddress).InstallAsync(ComponentCatalog.LocalPathProvisioner, Timeout, ct));
        Assert.StartsWith("local-path-provisioner: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{mirror.BaseAddress}/raw.githubusercontent.com/rancher/local-path-provisioner/", error.Message, StringComparison.Ordinal);
        Assert.Contains("9781b39c24f3f651bd6d6e41b561e04e4904bbdb6d4f8c7a6009df3a702dcd65", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ProvisioningFailed, error.ExitCode);
        Assert.Empty(Directory.GetFiles(cache.Path));
        var namespaces = await Client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
        Assert.DoesNotContain(namespaces.Items, n => n.Metadata.Name == "local-path-storage");
    }

    [Fact]
    public async Task A_download_failure_names_the_component_the_address_and_what_to_do()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var closed = new UpstreamMirror();
        var address = closed.BaseAddress;
        await closed.DisposeAsync();

        // A closed port is tried again (it may be a restarting server) until the store's retry limit.
        var error = await Assert.ThrowsAsync<ComponentException>(() => Installer(address, TimeSpan.FromSeconds(1)).ObjectsAsync(ComponentCatalog.ArgoCd, ct));
        Assert.StartsWith("argocd: could not fetch ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{address}/raw.githubusercontent.com/argoproj/argo-cd/", error.Message, StringComparison.Ordinal);
        Assert.Contains(ManifestStore.MirrorVariable, error.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<ComponentException>(() => Installer(mirror.BaseAddress + "/nothing-here").ObjectsAsync(ComponentCatalog.ArgoCd, ct));
        Assert.Contains(((int)HttpStatusCode.NotFound).ToString(System.Globalization.CultureInfo.InvariantCulture), missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_server_and_a_mirror_that_reset_their_first_connections_do_not_fail_the_install()
    {
        // A 127.0.0.1 proxy in front of the real API server resets the first connections, as an API
        // server that is still starting or restarting does before the stability check.
        var ct = TestContext.Current.CancellationToken;
        var kubeconfig = await File.ReadAllTextAsync(own.Plane.KubeconfigPath, ct);
        var port = int.Parse(System.Text.RegularExpressions.Regex.Match(kubeconfig, @"server: https://127\.0\.0\.1:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using var api = new DroppingTcpProxy(new IPEndPoint(IPAddress.Loopback, port), drop: 3);
        await using var files = new DroppingTcpProxy(new IPEndPoint(IPAddress.Loopback, mirror.Port), drop: 2);
        using var flaky = KSail.Core.Kubeconfig.Kubeconfigs.CreateClient(kubeconfig.Replace($"127.0.0.1:{port}", $"127.0.0.1:{api.Port}", StringComparison.Ordinal));
        var component = ComponentCatalog.LocalPathProvisioner;
        var installer = new ComponentInstaller(new KubeApi(flaky), new ManifestStore(http, $"http://127.0.0.1:{files.Port}", cache.Path));

        var objects = await installer.ObjectsAsync(component, ct);
        var result = await new ComponentApplier(new KubeApi(flaky)).ApplyAsync(component.Name, objects, Timeout, ct);

        Assert.Equal((3, 2), (api.Dropped, files.Dropped));
        Assert.Equal(objects.Count, result.Created + result.Unchanged);
        Assert.DoesNotContain(null, (await ResourceVersionsAsync(new KubeApi(Client), objects, ct)).Values);
        await new ComponentApplier(new KubeApi(Client)).UninstallAsync(component.Name, objects, Timeout, ct);

        // Without the retries, the same kind of proxy fails the install at its first reset connection.
        await using var again = new DroppingTcpProxy(new IPEndPoint(IPAddress.Loopback, port), drop: 1);
        using var once = KSail.Core.Kubeconfig.Kubeconfigs.CreateClient(kubeconfig.Replace($"127.0.0.1:{port}", $"127.0.0.1:{again.Port}", StringComparison.Ordinal));
        // The reset reaches the caller as HttpClient's HttpRequestException, or, when the socket is shut before the request is written, as the SocketException itself.
        var reset = await Assert.ThrowsAnyAsync<Exception>(() => new ComponentApplier(new KubeApi(once, retryLimit: TimeSpan.Zero)).ApplyAsync(component.Name, objects, Timeout, ct));
        Assert.True(reset is HttpRequestException or System.Net.Sockets.SocketException, $"the reset connection failed the install with {reset.GetType()}: {reset.Message}");
        Assert.Equal(1, again.Dropped);
    }

    [Fact]
    public async Task Objects_KSail_did_not_create_stop_the_install_before_anything_is_applied_and_are_not_changed()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await Client.CoreV1.CreateNamespacedServiceAccountAsync(
            new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "metrics-server", Labels = new Dictionary<string, string> { ["owner"] = "someone" } } }, "kube-system", cancellationToken: ct);
        try
        {
            var error = await Assert.ThrowsAsync<ComponentException>(() => Installer(mirror.BaseAddress).InstallAsync(ComponentCatalog.MetricsServer, Timeout, ct));
            Assert.Contains("ServiceAccount kube-system/metrics-server", error.Message, StringComparison.Ordinal);
            Assert.Contains("not created by KSail.NET", error.Message, StringComparison.Ordinal);

            // Its token controller may have added a secret since; KSail.NET changed nothing.
            var after = await Client.CoreV1.ReadNamespacedServiceAccountAsync("metrics-server", "kube-system", cancellationToken: ct);
            Assert.Equal(account.Metadata.Labels, after.Metadata.Labels);
            Assert.DoesNotContain(after.Metadata.ManagedFields, f => f.Manager == ComponentApplier.FieldManager);
            var roles = await Client.RbacAuthorizationV1.ListClusterRoleAsync(cancellationToken: ct);
            Assert.DoesNotContain(roles.Items, r => r.Metadata.Name == "system:metrics-server");
        }
        finally
        {
            await Client.CoreV1.DeleteNamespacedServiceAccountAsync("metrics-server", "kube-system", cancellationToken: ct);
        }
    }

    [Fact]
    public async Task Detection_finds_what_KSail_installed_and_Helm_releases_and_ignores_foreign_objects()
    {
        var ct = TestContext.Current.CancellationToken;
        var installer = Installer(mirror.BaseAddress);
        var applier = new ComponentApplier(new KubeApi(Client));
        var objects = await installer.ObjectsAsync(ComponentCatalog.LocalPathProvisioner, ct);
        await applier.ApplyAsync(ComponentCatalog.LocalPathProvisioner.Name, objects, Timeout, ct);
        const string ns = "detection-foreign";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        try
        {
            // A Deployment that claims a component but was not made by KSail.NET, and a Helm release.
            await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("impostor", new Dictionary<string, string> { [ComponentApplier.ComponentLabel] = "metrics-server" }), ns, cancellationToken: ct);
            await Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = "sh.helm.release.v1.cert-manager.v2",
                        Labels = new Dictionary<string, string> { ["owner"] = "helm", ["name"] = "cert-manager", ["status"] = "deployed", ["version"] = "2" },
                    },
                    Type = "helm.sh/release.v1",
                },
                ns,
                cancellationToken: ct);

            var found = await installer.DetectAsync(ct);
            Assert.Contains(new InstalledComponent("local-path-provisioner", "v0.0.37", "KSail.NET", "local-path-storage"), found);
            Assert.Contains(new InstalledComponent("cert-manager", "revision 2", "Helm", ns), found);
            Assert.DoesNotContain(found, c => c.Name == "metrics-server");
        }
        finally
        {
            await Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: ct);
            await applier.UninstallAsync(ComponentCatalog.LocalPathProvisioner.Name, objects, Timeout, ct);
        }
    }

    [Fact]
    public async Task A_components_workloads_are_waited_for_and_one_that_never_becomes_available_is_named()
    {
        var ct = TestContext.Current.CancellationToken;
        // This control plane has no node, so the Deployment never becomes available.
        var error = await Assert.ThrowsAsync<KSail.Core.Readiness.ReadinessTimeoutException>(
            () => Installer(mirror.BaseAddress).InstallAsync(ComponentCatalog.LocalPathProvisioner, TimeSpan.FromSeconds(5), ct));
        Assert.Contains("Deployment local-path-storage/local-path-provisioner is not available", error.Message + error.Diagnosis, StringComparison.Ordinal);
        await new ComponentApplier(new KubeApi(Client)).UninstallAsync(
            ComponentCatalog.LocalPathProvisioner.Name, await Installer(mirror.BaseAddress).ObjectsAsync(ComponentCatalog.LocalPathProvisioner, ct), Timeout, ct);
    }

    private static V1Deployment Deployment(string name, Dictionary<string, string> labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1DeploymentSpec
        {
            Replicas = 0,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
            },
        },
    };

    private static async Task<Dictionary<string, string?>> ResourceVersionsAsync(KubeApi api, IReadOnlyList<JsonObject> objects, CancellationToken ct)
    {
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in objects)
        {
            var resource = await api.ResourceAsync(Manifests.ApiVersion(item), Manifests.Kind(item), ct);
            var current = resource is null ? null : await api.GetAsync(resource.CollectionPath(Manifests.Namespace(item)) + "/" + Manifests.Name(item), ct);
            // What KSail.NET's field manager wrote (controllers may write status meanwhile, e.g. the
            // aggregator on an APIService whose Service has no Pods here).
            versions[Manifests.Describe(item)] = current is null ? null
                : string.Join(";", current["metadata"]?["managedFields"]?.AsArray().OfType<JsonObject>()
                    .Where(f => f["manager"]?.GetValue<string>() == ComponentApplier.FieldManager)
                    .Select(f => f.ToJsonString()) ?? []);
        }

        return versions;
    }

    private ComponentInstaller Installer(string mirrorAddress, TimeSpan? retryLimit = null) =>
        new(new KubeApi(Client), new ManifestStore(http, mirrorAddress, cache.Path, retryLimit: retryLimit));

    /// <summary>A control plane for this class alone.</summary>
    public sealed class OwnControlPlane : IAsyncLifetime
    {
        public ControlPlane Plane { get; } = new();

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => Plane.DisposeAsync();
    }
}
