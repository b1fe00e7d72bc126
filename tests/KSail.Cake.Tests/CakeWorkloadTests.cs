using System.Text.RegularExpressions;
using KSail.Core.Providers.Docker;
using KSail.Testing.TestBed;

namespace KSail.Cake.Tests;

/// <summary>
/// KSailWorkloadPush and KSailWorkloadReconcile from a real <c>dotnet cake</c> on the packed addin:
/// the push goes for real to a registry container (the test bed's registry stand-in); the reconcile
/// reaches the engine, which refuses a declaration without a GitOps engine before pushing anything.
/// </summary>
[Trait("Requires", "Docker")]
public sealed partial class CakeWorkloadTests(AddinFeed feed)
{
    private const string Addin = "#addin nuget:?package=KSail.Cake&version=0.1.0&loaddependencies=true\n";

    [Fact]
    public async Task KSailWorkloadPush_pushes_the_manifests_to_the_registry_named_and_KSailWorkloadReconcile_fails_the_task_without_a_GitOps_engine()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var registry = $"ksail-test-cake-registry-{Guid.NewGuid().ToString("N")[..6]}";
        await ClusterChecks.RunAsync("docker", ct, "run", "-d", "--name", registry, "--label", "io.ksail.test=true", "-p", "127.0.0.1::5000", await TestImages.RegistryAsync(ct));
        try
        {
            int port;
            using (var docker = await DockerProvider.ConnectAsync(ct: ct))
            {
                port = (await docker.HostPortAsync(registry, 5000, ct: ct))!.Value;
                await docker.WaitForLogAsync(registry, "listening on", TimeSpan.FromSeconds(30), ct);
            }

            using var project = await CakeProject.CreateAsync(feed, Addin + """
                var settings = new KSailClusterSettings().WithWorkloadRegistry("localhost:PORT").WithWorkloadPath("deploy").WithReconcileTimeout(TimeSpan.FromSeconds(30));
                Task("Push").Does(() =>
                {
                    var pushed = KSailWorkloadPush(settings);
                    Information("Pushed {0} at {1}: {2}", pushed.Reference, pushed.Digest, string.Join(",", pushed.Files));
                });
                Task("Reconcile").IsDependentOn("Push").Does(() => KSailWorkloadReconcile(settings));
                RunTarget("Reconcile");
                """.Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            project.Write("deploy/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-cake\ndata:\n  greeting: hello\n");

            var run = await project.CakeAsync();

            var pushed = Pushed().Match(run.Output);
            Assert.True(pushed.Success, run.Output);
            Assert.Equal($"oci://localhost:{port}/deploy:dev", pushed.Groups["reference"].Value);
            Assert.Equal("configmap.yaml", pushed.Groups["files"].Value);
            Assert.Equal(pushed.Groups["digest"].Value, await TagDigestAsync(port, "deploy", "dev", ct));
            Assert.True(run.ExitCode != 0, run.Output);
            Assert.Contains("An error occurred when executing task 'Reconcile'.", run.Output, StringComparison.Ordinal);
            Assert.Contains("error: workload reconcile needs a GitOps engine: set spec.cluster.gitOpsEngine: Flux or ArgoCD", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", registry);
        }
    }

    // The digest the registry gives the tag (Docker-Content-Digest of its OCI manifest).
    private static async Task<string> TagDigestAsync(int port, string repository, string tag, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://127.0.0.1:{port}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    [GeneratedRegex(@"Pushed (?<reference>oci://\S+) at (?<digest>sha256:[0-9a-f]{64}): (?<files>\S+)")]
    private static partial Regex Pushed();
}
