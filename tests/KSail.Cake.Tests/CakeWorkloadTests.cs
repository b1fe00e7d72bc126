using System.Text.RegularExpressions;
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
        await using var registry = await RegistryStandIn.StartAsync("ksail-test-cake-registry", ct);
        var port = registry.Port;
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
        Assert.Equal(pushed.Groups["digest"].Value, await registry.TagDigestAsync("deploy", "dev", ct));
        Assert.True(run.ExitCode != 0, run.Output);
        Assert.Contains("An error occurred when executing task 'Reconcile'.", run.Output, StringComparison.Ordinal);
        Assert.Contains("error: workload reconcile needs a GitOps engine: set spec.cluster.gitOpsEngine: Flux or ArgoCD", run.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Pushed (?<reference>oci://\S+) at (?<digest>sha256:[0-9a-f]{64}): (?<files>\S+)")]
    private static partial Regex Pushed();
}
