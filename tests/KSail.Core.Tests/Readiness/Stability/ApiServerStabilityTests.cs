using k8s;
using KSail.Core.Configuration.Model;
using KSail.Core.Readiness;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Readiness.Stability;

/// <summary>Step 1 of the stability check against a real API server that is stopped and started again.</summary>
[Trait("Requires", "Docker")]
public sealed class ApiServerStabilityTests
{
    [Fact]
    public async Task An_API_server_stopped_mid_check_resets_the_count_and_the_check_passes_once_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var plane = await RestartableControlPlane.StartAsync(ct);

        // Stop the API server after 2 healthy answers in a row, between two checks; start it again
        // after the first failed check. The check must start counting again and then pass.
        var progress = new ProgressRecorder<ProgressEvent>()
            .Once(e => e.Message.Contains("(2 so far)", StringComparison.Ordinal), _ => plane.StopAsync(ct).GetAwaiter().GetResult())
            .Once(e => e.Message.Contains("counting again", StringComparison.Ordinal), _ => plane.StartAgainAsync(ct).GetAwaiter().GetResult());
        var check = new ClusterStabilityCheck(plane.Client, StabilityOptions.For(Distribution.Talos), progress);

        await check.WaitForApiServerAsync(ct);

        var reset = Assert.Single(progress.Events, e => e.Message.Contains("counting again", StringComparison.Ordinal));
        Assert.Equal(ClusterStabilityCheck.ApiServerStep, reset.Step);
        Assert.Contains(progress.Events, e => e.Message.Contains("5 healthy /readyz answers in a row (4 so far)", StringComparison.Ordinal));
        Assert.Contains(progress.Events, e => e.Message.StartsWith("ready after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_API_server_that_never_answers_times_out_with_exit_code_6_and_the_last_failure()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var plane = await RestartableControlPlane.StartAsync(ct);
        await plane.StopAsync(ct);
        var check = new ClusterStabilityCheck(plane.Client, StabilityOptions.For(Distribution.K3s) with { ApiServerTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => check.WaitForApiServerAsync(ct));

        Assert.Equal(ExitCodes.ReadinessTimedOut, error.ExitCode);
        Assert.Equal(ClusterStabilityCheck.ApiServerStep, error.Step);
        Assert.Contains($"127.0.0.1:{plane.Port}", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains("0 healthy /readyz answers in a row of 3 required", error.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_API_server_step_ends_it_with_OperationCanceledException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var plane = await RestartableControlPlane.StartAsync(ct);
        await plane.StopAsync(ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new ProgressRecorder<ProgressEvent>().Once(e => e.Message.Contains("a healthy /readyz answer", StringComparison.Ordinal), _ => cancel.Cancel());
        var check = new ClusterStabilityCheck(plane.Client, StabilityOptions.For(Distribution.Vanilla), progress);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckAsync(cancel.Token));
    }

    [Fact]
    public void Invalid_options_are_named_together()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "https://127.0.0.1:1" });
        var error = Assert.Throws<ArgumentException>(() => new ClusterStabilityCheck(client, new StabilityOptions { RequiredHealthyChecks = 0, NodesTimeout = TimeSpan.Zero }));
        Assert.Contains("RequiredHealthyChecks", error.Message, StringComparison.Ordinal);
        Assert.Contains("NodesTimeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Distribution.Vanilla, Cni.Default, 3, false)]
    [InlineData(Distribution.K3s, Cni.Cilium, 3, true)]
    [InlineData(Distribution.KWOK, Cni.Calico, 3, false)]
    [InlineData(Distribution.Talos, Cni.Default, 5, false)]
    [InlineData(Distribution.VCluster, Cni.Cilium, 5, true)]
    public void KSails_defaults_follow_the_distribution_and_the_CNI(Distribution distribution, Cni cni, int healthyChecks, bool connectivity)
    {
        var options = StabilityOptions.For(distribution, cni);
        Assert.Equal(healthyChecks, options.RequiredHealthyChecks);
        Assert.Equal(connectivity, options.CheckApiConnectivity);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ApiServerTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.NodesTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), options.DaemonSetsTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ApiConnectivityTimeout);
    }
}
