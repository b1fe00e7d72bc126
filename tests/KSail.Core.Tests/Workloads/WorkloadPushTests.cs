using System.Net;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Tests.Configuration;
using KSail.Core.Workloads;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Workloads;

/// <summary>
/// <c>workload push</c> against real registries (the test bed's stand-in for <c>registry:3</c>), as
/// KSail's <c>pkg/cli/cmd/workload/push.go</c> pushes: found from the running local registry, read back
/// through the distribution API byte for byte; refused by a read-only registry, a registry that fails
/// the manifest, and a token service that refuses the credentials, each leaving nothing tagged and no
/// password in the error.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class WorkloadPushTests(PushRegistries registries) : IClassFixture<PushRegistries>, IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Push_finds_the_running_local_registry_and_the_registry_serves_the_manifests_back_byte_for_byte()
    {
        var ct = TestContext.Current.CancellationToken;
        dir.Write("k8s/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [apps/settings.yaml]\n");
        dir.Write("k8s/apps/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: dev\n");
        dir.Write("k8s/NOTES.md", "not packed\n");
        var cluster = Load();

        // When: pushed with nothing named (host and port from the running <cluster>-local-registry, repository k8s, tag dev)
        var report = await ClusterOperations.PushWorkloadAsync(cluster, new WorkloadPushOptions(), ct: ct);

        Assert.Equal((Reference: $"oci://localhost:{registries.Port}/k8s:dev", Repository: "k8s", Tag: "dev"), (report.Reference, report.Repository, report.Tag));
        Assert.Equal(["apps/settings.yaml", "kustomization.yaml"], report.Files);

        // Then: the tag's manifest is the one pushed, with the media types Flux and Argo CD take
        using var manifestResponse = await registries.GetAsync(registries.Port, "/v2/k8s/manifests/dev", ct, WorkloadArtifact.ManifestMediaType);
        Assert.Equal(HttpStatusCode.OK, manifestResponse.StatusCode);
        var manifestBytes = await manifestResponse.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(report.Digest, WorkloadArtifact.DigestOf(manifestBytes));
        Assert.Equal(report.Digest, manifestResponse.Headers.GetValues("Docker-Content-Digest").Single());
        var manifest = JsonNode.Parse(manifestBytes)!;
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest["mediaType"]!.GetValue<string>());
        Assert.Equal("application/vnd.cncf.flux.config.v1+json", manifest["config"]!["mediaType"]!.GetValue<string>());
        var layer = Assert.Single(manifest["layers"]!.AsArray())!;
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", layer["mediaType"]!.GetValue<string>());

        // The config and the layer as packed, and the layer's files are the source directory's manifests
        var config = await BlobAsync(manifest["config"]!["digest"]!.GetValue<string>(), ct);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(config));
        var layerBytes = await BlobAsync(layer["digest"]!.GetValue<string>(), ct);
        Assert.Equal(WorkloadArtifact.Pack(Path.Combine(dir.Path, "k8s"), SourceLocation.FromArgument("--path")).Layer, layerBytes);
        Assert.Equal(
            report.Files.Select(f => (f, File.ReadAllText(Path.Combine(dir.Path, "k8s", f)))),
            WorkloadArtifactTests.Extract(layerBytes).Select(e => (e.Name, e.Content)));
        Assert.Equal(["dev"], await registries.TagsAsync(registries.Port, "k8s", ct));

        // And the same manifests pushed again are the same revision
        var again = await ClusterOperations.PushWorkloadAsync(cluster, new WorkloadPushOptions(), ct: ct);
        Assert.Equal(report.Digest, again.Digest);
    }

    [Fact]
    public async Task A_read_only_registry_refuses_the_push_with_exit_code_5_and_nothing_is_tagged()
    {
        var ct = TestContext.Current.CancellationToken;
        dir.Write("k8s/kustomization.yaml", "resources: []\n");

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() =>
            ClusterOperations.PushWorkloadAsync(Load(), new WorkloadPushOptions($"oci://127.0.0.1:{registries.ReadOnlyPort}/k8s:dev"), ct: ct));

        Assert.Equal(5, refused.ExitCode);
        Assert.Contains($"the registry 127.0.0.1:{registries.ReadOnlyPort} (k8s) refused the upload of the layer: 405", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await registries.TagsAsync(registries.ReadOnlyPort, "k8s", ct));
    }

    [Fact]
    public async Task A_registry_that_fails_the_manifest_leaves_its_blobs_untagged()
    {
        var ct = TestContext.Current.CancellationToken;
        dir.Write("k8s/kustomization.yaml", "resources: []\n");
        using var front = new RegistryFront(registries.Port, async (context, self) =>
        {
            if (context.Request.HttpMethod == "PUT" && context.Request.Url!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal))
            {
                RegistryFront.Answer(context, HttpStatusCode.InternalServerError, "UNKNOWN");
                return;
            }

            await self.ForwardAsync(context);
        });

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() =>
            ClusterOperations.PushWorkloadAsync(Load(), new WorkloadPushOptions($"oci://127.0.0.1:{front.Port}/partial:dev"), ct: ct));

        Assert.Contains("refused the manifest tagged dev: 500 Internal Server Error: UNKNOWN the test front says no", refused.Message, StringComparison.Ordinal);

        // The blobs went in first; the tag never did.
        var layer = WorkloadArtifact.Pack(Path.Combine(dir.Path, "k8s"), SourceLocation.FromArgument("--path")).Layer;
        using var blob = await registries.GetAsync(registries.Port, $"/v2/partial/blobs/{WorkloadArtifact.DigestOf(layer)}", ct);
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Empty(await registries.TagsAsync(registries.Port, "partial", ct));
    }

    [Fact]
    public async Task A_registry_asking_for_a_token_gets_one_for_the_credentials_of_registry_and_a_refused_token_names_no_password()
    {
        var ct = TestContext.Current.CancellationToken;
        dir.Write("secured/kustomization.yaml", "resources: []\n");
        using var front = new RegistryFront(registries.Port, async (context, self) =>
        {
            var authorization = context.Request.Headers["Authorization"];
            if (context.Request.Url!.AbsolutePath == "/token")
            {
                // The token service: Basic me:s3cret-pass for the repository's pull,push scope.
                var expected = "Basic " + Convert.ToBase64String("me:s3cret-pass"u8.ToArray());
                if (authorization != expected || context.Request.QueryString["scope"] != "repository:secured:pull,push" || context.Request.QueryString["service"] != "test-registry")
                {
                    RegistryFront.Answer(context, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
                    return;
                }

                context.Response.ContentType = "application/json";
                context.Response.OutputStream.Write("{\"token\":\"t0ken\"}"u8);
                context.Response.Close();
                return;
            }

            if (authorization != "Bearer t0ken")
            {
                // The challenge to the first request (a HEAD of a blob) names pull only, as registries answer a read; the push still asks for pull,push.
                context.Response.Headers["WWW-Authenticate"] = $"Bearer realm=\"http://127.0.0.1:{((IPEndPoint)context.Request.LocalEndPoint).Port}/token\",service=\"test-registry\",scope=\"repository:secured:pull\"";
                RegistryFront.Answer(context, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
                return;
            }

            await self.ForwardAsync(context);
        });
        var path = Path.Combine(dir.Path, "secured");

        // With the right credentials: pushed, tagged
        var report = await ClusterOperations.PushWorkloadAsync(Load(), new WorkloadPushOptions(Path: path, Registry: $"me:s3cret-pass@127.0.0.1:{front.Port}"), ct: ct);
        Assert.Equal($"oci://127.0.0.1:{front.Port}/secured:dev", report.Reference);
        Assert.Equal(["dev"], await registries.TagsAsync(registries.Port, "secured", ct));
        Assert.Contains($"POST /v2/secured/blobs/uploads/", front.Seen);

        // With a wrong password: refused by the token service, exit code 5, the password nowhere
        var progress = new ProgressRecorder<ProgressEvent>();
        var refused = await Assert.ThrowsAsync<ProvisioningException>(() =>
            ClusterOperations.PushWorkloadAsync(Load(), new WorkloadPushOptions("oci://127.0.0.1/secured:v2", path, $"me:wrong-pass@127.0.0.1:{front.Port}"), progress, ct));
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("token service", refused.Message, StringComparison.Ordinal);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(progress.Events, e => e.Message.Contains("wrong-pass", StringComparison.Ordinal));
        Assert.Equal(["dev"], await registries.TagsAsync(registries.Port, "secured", ct));
    }

    [Fact]
    public async Task Without_a_local_registry_or_a_registry_named_the_push_is_refused_with_exit_code_3()
    {
        var ct = TestContext.Current.CancellationToken;
        dir.Write("k8s/kustomization.yaml", "resources: []\n");
        var path = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: no-registry-here\n");

        var refused = await Assert.ThrowsAsync<ConfigurationException>(() =>
            ClusterOperations.PushWorkloadAsync(Declarations.Load(path), new WorkloadPushOptions(), ct: ct));

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("no registry to push to: cluster 'no-registry-here' has no local registry", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--registry", refused.Message, StringComparison.Ordinal);
    }

    private ClusterDefinition Load() =>
        Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {registries.Cluster}\n"));

    private async Task<byte[]> BlobAsync(string digest, CancellationToken ct)
    {
        using var response = await registries.GetAsync(registries.Port, $"/v2/k8s/blobs/{digest}", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }
}
