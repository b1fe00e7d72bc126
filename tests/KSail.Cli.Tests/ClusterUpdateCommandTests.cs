using k8s;
using KSail.Core;
using KSail.Core.Components;
using KSail.Core.Readiness;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// <c>ksail cluster update</c> as a separate process against a cluster a real <c>cluster create</c>
/// made on the test bed's kind-compatible node (so the spec it diffs against is the one create saved).
/// metrics-server's image cannot be pulled here, so the cluster's controller-manager runs without its
/// Deployment controller (a kubeadm patch in kind.yaml) and the test plays it for KSail.NET's Deployments;
/// the component files come from the test's upstream mirror (KSAIL_COMPONENT_MIRROR).
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ClusterUpdateCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"u-{Guid.NewGuid().ToString("N")[..6]}";
    private string kindYaml = string.Empty;
    private string ksailYaml = string.Empty;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        kindYaml = StandInLoop.KindWithoutDeploymentController(image) + "\n";
        ksailYaml = $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n    connection:\n      kubeconfig: ./kubeconfig\n";
        dir.Write("kind.yaml", kindYaml);
        dir.Write("ksail.yaml", ksailYaml);
    }

    public async ValueTask DisposeAsync()
    {
        await Ksail.RunAsync(dir.Path, "cluster", "delete");
        dir.Dispose();
    }

    [Fact]
    public async Task Update_shows_the_classified_plan_refuses_what_needs_a_new_cluster_and_installs_and_uninstalls_components_in_place()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mirror = new UpstreamMirror();
        var environment = new Dictionary<string, string> { [ManifestStore.MirrorVariable] = mirror.BaseAddress };
        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deploymentController = Task.Run(() => PlayDeploymentControllerAsync(Path.Combine(dir.Path, "kubeconfig"), $"kind-{name}", stop.Token), ct);
        try
        {
            // Unchanged: nothing to change, exit 0
            var same = await UpdateAsync(environment);
            Assert.True(same.ExitCode == ExitCodes.Success, same.Error);
            Assert.True(same.Output.Contains($"Cluster '{name}' matches ksail.yaml: nothing to change.", StringComparison.Ordinal), same.Output + same.Error);

            // A component, KSail.NET's own setting, kind's default storage removed (in place, not built) and a network setting (recreate)
            dir.Write("ksail.yaml", ksailYaml + "    metricsServer: Enabled\n    teardown: Never\n    csi: Disabled\n");
            dir.Write("kind.yaml", kindYaml.Replace("nodes:\n", "networking:\n  podSubnet: 10.250.0.0/16\nnodes:\n", StringComparison.Ordinal));
            var dryRun = await UpdateAsync(environment, "--dry-run");
            Assert.True(dryRun.ExitCode == ExitCodes.Success, dryRun.Error);
            Assert.True(dryRun.Output.Contains($"Update plan for cluster '{name}' (3 in-place, 1 recreate-required):", StringComparison.Ordinal), dryRun.Output + dryRun.Error);
            Assert.True(dryRun.Output.Contains("  in-place: spec.cluster.metricsServer: Default -> Enabled: install metrics-server v0.9.0", StringComparison.Ordinal), dryRun.Output + dryRun.Error);
            Assert.True(dryRun.Output.Contains("  in-place: spec.cluster.teardown: (not set) -> Never: KSail.NET's own setting", StringComparison.Ordinal), dryRun.Output + dryRun.Error);
            Assert.True(dryRun.Output.Contains("  in-place: spec.cluster.csi: Default -> Disabled: in place in KSail, but removing or restoring kind's default storage is not built in KSail.NET yet", StringComparison.Ordinal), dryRun.Output + dryRun.Error);
            Assert.True(dryRun.Output.Contains("  recreate-required: kind.networking", StringComparison.Ordinal), dryRun.Output + dryRun.Error);
            Assert.True(dryRun.Output.Contains("10.250.0.0/16\"}: network settings are set when the cluster is created", StringComparison.Ordinal), dryRun.Output + dryRun.Error);
            Assert.True(dryRun.Output.Contains("Dry run: nothing was changed.", StringComparison.Ordinal), dryRun.Output + dryRun.Error);

            // Without --yes and no terminal to ask on: usage error, nothing changed
            var unconfirmed = await UpdateAsync(environment);
            Assert.Equal(ExitCodes.Usage, unconfirmed.ExitCode);
            Assert.True(unconfirmed.Error.Contains("pass --yes", StringComparison.Ordinal), unconfirmed.Output + unconfirmed.Error);
            Assert.Empty(mirror.Requests);

            // --yes: metrics-server is installed, the rest refused with exit 5, the saved spec kept
            var partial = await UpdateAsync(environment, "--yes");
            Assert.True(partial.ExitCode == ExitCodes.ProvisioningFailed, partial.Output + partial.Error);
            Assert.True(partial.Output.Contains("applied: spec.cluster.metricsServer (install metrics-server v0.9.0)", StringComparison.Ordinal), partial.Output + partial.Error);
            Assert.True(partial.Error.Contains("not applied: spec.cluster.csi Default -> Disabled: in place in KSail, but removing or restoring kind's default storage is not built", StringComparison.Ordinal), partial.Output + partial.Error);
            Assert.True(partial.Error.Contains("not applied: kind.networking", StringComparison.Ordinal), partial.Output + partial.Error);
            Assert.True(partial.Error.Contains("recreate required (network settings are set when the cluster is created)", StringComparison.Ordinal), partial.Output + partial.Error);
            Assert.True(partial.Error.Contains("the saved spec of", StringComparison.Ordinal), partial.Output + partial.Error);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dir.Path, "kubeconfig"), $"kind-{name}"));
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("metrics-server", "kube-system", cancellationToken: ct);
            Assert.Equal("registry.k8s.io/metrics-server/metrics-server:v0.9.0", deployment.Spec.Template.Spec.Containers[0].Image);

            // Only in-place changes left: applied, the spec saved, and then nothing to change
            dir.Write("ksail.yaml", ksailYaml + "    metricsServer: Enabled\n    teardown: Never\n");
            dir.Write("kind.yaml", kindYaml);
            var applied = await UpdateAsync(environment, "--yes");
            Assert.True(applied.ExitCode == ExitCodes.Success, applied.Output + applied.Error);
            Assert.True(applied.Output.Contains($"Cluster '{name}' is updated; its spec is saved.", StringComparison.Ordinal), applied.Output + applied.Error);
            var after = await UpdateAsync(environment, "--dry-run");
            Assert.True(after.Output.Contains("nothing to change", StringComparison.Ordinal), after.Output + after.Error);

            // Disabled: uninstalled in place
            dir.Write("ksail.yaml", ksailYaml + "    metricsServer: Disabled\n    teardown: Never\n");
            var removed = await UpdateAsync(environment, "--yes");
            Assert.True(removed.ExitCode == ExitCodes.Success, removed.Output + removed.Error);
            Assert.True(removed.Output.Contains("in-place: spec.cluster.metricsServer: Enabled -> Disabled: uninstall metrics-server", StringComparison.Ordinal), removed.Output + removed.Error);
            var left = await client.AppsV1.ListNamespacedDeploymentAsync("kube-system", labelSelector: "k8s-app=metrics-server", cancellationToken: ct);
            Assert.Empty(left.Items);
        }
        finally
        {
            await stop.CancelAsync();
            await deploymentController;
        }
    }

    [Fact]
    public async Task Update_of_a_cluster_without_a_saved_spec_is_refused()
    {
        var run = await UpdateAsync(new Dictionary<string, string>(), "--dry-run");
        Assert.Equal(ExitCodes.ProvisioningFailed, run.ExitCode);
        Assert.True(run.Error.Contains($"no spec is saved for cluster '{name}'", StringComparison.Ordinal), run.Output + run.Error);
    }

    private Task<KsailRun> UpdateAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CleanProcess.RunKsailAsync(dir.Path, environment, TimeSpan.FromMinutes(5), ["cluster", "update", .. args]);

    // Plays the Deployment controller for KSail.NET's Deployments, through the cluster's API, until stopped.
    private static async Task PlayDeploymentControllerAsync(string kubeconfig, string context, CancellationToken ct)
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await new StandInController(client).MarkDeploymentsAvailableAsync(GitOpsReadinessOptions.ManagedSelector, ct);

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                // A Deployment went away between list and patch: try again.
            }
        }
    }
}
