using System.Text.Json;
using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// README's "Push" commands (issue #20; KSail's <c>pkg/cli/cmd/workload/push.go</c>) on the command
/// line, against the test bed's stand-in for <c>registry:3</c> run as a cluster's local registry
/// (<c>&lt;cluster&gt;-local-registry</c>, labelled as KSail.NET labels it) and a read-only one: the
/// push with nothing named, with <c>--path</c> and a reference, in text and JSON, and a refused push
/// whose <c>--registry</c> password appears nowhere. The registry API read-back is
/// KSail.Core.Tests' WorkloadPushTests.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class WorkloadPushCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"wpc-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly string readOnly = $"ksail-test-readonly-{Guid.NewGuid().ToString("N")[..6]}";
    private int port;
    private int readOnlyPort;

    private string Local => $"{name}-local-registry";

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var image = await TestImages.RegistryAsync(ct);
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", Local, "--label", "io.ksail.test=true", "--label", $"io.ksail.registry={Local}", "-p", "127.0.0.1::5000", image);
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", readOnly, "--label", "io.ksail.test=true", "-p", "127.0.0.1::5000", "-e", "REGISTRY_STORAGE_MAINTENANCE_READONLY={\"enabled\": true}", image);
        foreach (var container in new[] { Local, readOnly })
        {
            await ClusterChecks.RunAsync("bash", ct, "-c", "for i in $(seq 300); do docker logs \"$1\" 2>&1 | grep -q 'listening on' && exit 0; sleep 0.1; done; exit 1", "wait", container);
        }

        port = await PortAsync(Local, ct);
        readOnlyPort = await PortAsync(readOnly, ct);
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\n");
        dir.Write("k8s/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
        dir.Write("manifests/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
    }

    public async ValueTask DisposeAsync()
    {
        await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", Local, readOnly);
        dir.Dispose();
    }

    [Fact]
    public async Task Push_with_nothing_named_with_a_path_and_a_reference_and_as_JSON()
    {
        // ksail workload push: the running local registry, repository k8s, tag dev
        var pushed = await Ksail.RunAsync(dir.Path, "workload", "push");
        Assert.True(pushed.ExitCode == ExitCodes.Success, pushed.Error);
        Assert.Matches($"^Pushed 1 file to oci://localhost:{port}/k8s:dev@sha256:[0-9a-f]{{64}}\n$", pushed.Output);

        // ksail workload push oci://localhost:<port>/my-app/base:v1.0.0 --path ./manifests --output json
        var json = await Ksail.RunAsync(dir.Path, "workload", "push", $"oci://localhost:{port}/my-app/base:v1.0.0", "--path", "./manifests", "--output", "json");
        Assert.True(json.ExitCode == ExitCodes.Success, json.Error);
        var report = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal($"oci://localhost:{port}/my-app/base:v1.0.0", report.GetProperty("reference").GetString());
        Assert.Equal(("my-app/base", "v1.0.0"), (report.GetProperty("repository").GetString(), report.GetProperty("tag").GetString()));
        Assert.Equal(["app.yaml"], report.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.StartsWith("sha256:", report.GetProperty("digest").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_push_exits_5_and_never_shows_the_password_of_registry()
    {
        var refused = await Ksail.RunAsync(dir.Path, "workload", "push", "--registry", $"me:s3cret-pw@127.0.0.1:{readOnlyPort}");

        Assert.Equal(ExitCodes.ProvisioningFailed, refused.ExitCode);
        Assert.Contains($"the registry 127.0.0.1:{readOnlyPort} (k8s) refused the upload of the layer: 405", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", refused.Output + refused.Error, StringComparison.Ordinal);
    }

    private static async Task<int> PortAsync(string container, CancellationToken ct)
    {
        var published = (await ClusterChecks.RunAsync("docker", ct, "port", container, "5000/tcp")).Split('\n')[0].Trim();
        return int.Parse(published[(published.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
