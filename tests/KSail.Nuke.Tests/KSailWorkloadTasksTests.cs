using KSail.Core.Configuration;
using KSail.Testing.TestBed;

namespace KSail.Nuke.Tests;

/// <summary>
/// KSailWorkloadPush and KSailWorkloadReconcile called in-process, as a NUKE target's Executes calls
/// them: the push goes for real to a registry container (the test bed's registry stand-in); the
/// reconcile reaches the engine, which refuses a declaration without a GitOps engine before pushing.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KSailWorkloadTasksTests
{
    [Fact]
    public async Task KSailWorkloadPush_pushes_to_the_registry_named_and_KSailWorkloadReconcile_refuses_a_cluster_without_a_GitOps_engine()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ThrowAwayCluster.CreateAsync();
        File.WriteAllText(Path.Combine(cluster.Folder, "ksail.yaml"), File.ReadAllText(cluster.ConfigPath) + "  workload:\n    sourceDirectory: deploy\n");
        Directory.CreateDirectory(Path.Combine(cluster.Folder, "deploy"));
        File.WriteAllText(Path.Combine(cluster.Folder, "deploy", "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-nuke\n");
        await using var registry = await RegistryStandIn.StartAsync("ksail-test-nuke-registry", ct);
        var port = registry.Port;
        using var log = new LogCapture();
        var pushed = KSailTasks.KSailWorkloadPush(_ => cluster.Settings.SetWorkloadRegistry($"localhost:{port}"));
        var refused = Assert.Throws<ConfigurationException>(() => KSailTasks.KSailWorkloadReconcile(_ => cluster.Settings.SetWorkloadRegistry($"localhost:{port}").SetReconcileTimeout(TimeSpan.FromSeconds(30))));

        Assert.Equal($"oci://localhost:{port}/deploy:dev", pushed.Reference);
        Assert.Equal(["configmap.yaml"], pushed.Files);
        Assert.Equal(pushed.Digest, await registry.TagDigestAsync("deploy", "dev", ct));
        Assert.Contains($"Information Pushed 1 files to oci://localhost:{port}/deploy:dev@{pushed.Digest}", log.Lines);
        Assert.Contains("workload reconcile needs a GitOps engine: set spec.cluster.gitOpsEngine: Flux or ArgoCD", refused.Message, StringComparison.Ordinal);
    }
}
