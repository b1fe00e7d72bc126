using k8s;
using k8s.Models;
using KSail.Core.Configuration.Model;
using KSail.Core.Readiness;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Readiness.Stability;

/// <summary>A K3s stand-in cluster (one server node) with a busybox image loaded, for the node and DaemonSet steps.</summary>
public sealed class StandInClusterFixture : IAsyncLifetime
{
    private K3sStandInCluster? cluster;

    public K3sStandInCluster Cluster => cluster ?? throw new InvalidOperationException("not started");

    public IKubernetes Client => Cluster.Client;

    public string Node => Cluster.Nodes[0];

    public string Image { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        cluster = await K3sStandInCluster.CreateAsync(0, ct);
        Image = await BusyboxImage.BuildAsync(ct);
        await cluster.LoadImageAsync(Image, Node, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        if (Image.Length > 0)
        {
            await BusyboxImage.RemoveAsync(Image);
        }
    }
}

/// <summary>Steps 2 to 4 of the stability check on real nodes (the test bed's K3s stand-in).</summary>
[Trait("Requires", "Docker")]
public sealed class NodeAndDaemonSetStabilityTests(StandInClusterFixture bed) : IClassFixture<StandInClusterFixture>
{
    private const string SystemNamespace = "kube-system";

    [Fact]
    public async Task The_whole_check_passes_on_a_ready_cluster()
    {
        var progress = new ProgressRecorder<ProgressEvent>();
        await new ClusterStabilityCheck(bed.Client, StabilityOptions.For(Distribution.K3s), progress).CheckAsync(TestContext.Current.CancellationToken);
        Assert.Contains(progress.Events, e => e.Step == ClusterStabilityCheck.NodesStep && e.Message.StartsWith("ready after", StringComparison.Ordinal));
        Assert.Contains(progress.Events, e => e.Step == ClusterStabilityCheck.DaemonSetsStep && e.Message.StartsWith("ready after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cordoned_only_node_times_out_naming_the_node_and_why()
    {
        var ct = TestContext.Current.CancellationToken;
        await CordonAsync(true, ct);
        try
        {
            var check = new ClusterStabilityCheck(bed.Client, new StabilityOptions { NodesTimeout = TimeSpan.FromSeconds(2) });
            var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => check.WaitForNodesAsync(ct));
            Assert.Equal(ExitCodes.ReadinessTimedOut, error.ExitCode);
            Assert.Contains($"Node {bed.Node}: Ready=True; not schedulable: cordoned", error.Diagnosis, StringComparison.Ordinal);
        }
        finally
        {
            await CordonAsync(false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_node_uncordoned_mid_check_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        await CordonAsync(true, ct);
        try
        {
            var progress = new ProgressRecorder<ProgressEvent>()
                .Once(e => e.Message.Contains("a schedulable node", StringComparison.Ordinal), _ => CordonAsync(false, ct).GetAwaiter().GetResult());
            await new ClusterStabilityCheck(bed.Client, new StabilityOptions(), progress).WaitForNodesAsync(ct);
            Assert.Contains(progress.Events, e => e.Message.Contains($"{bed.Node}: cordoned", StringComparison.Ordinal));
        }
        finally
        {
            await CordonAsync(false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Cancelling_the_nodes_step_ends_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await CordonAsync(true, ct);
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var progress = new ProgressRecorder<ProgressEvent>().Once(e => e.Message.Contains("a schedulable node", StringComparison.Ordinal), _ => cancel.Cancel());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ClusterStabilityCheck(bed.Client, new StabilityOptions(), progress).WaitForNodesAsync(cancel.Token));
        }
        finally
        {
            await CordonAsync(false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_DaemonSet_whose_image_does_not_exist_times_out_naming_it_and_its_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"ksail-test-missing-{Guid.NewGuid().ToString("N")[..6]}";
        await CreateDaemonSetAsync(name, "ksail-test/missing:none", ct);
        try
        {
            // Wait until the kubelet has said so, then give the step a short limit.
            await Watch.FirstAsync<V1Pod, V1PodList>(
                bed.Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(SystemNamespace, labelSelector: $"app={name}", watch: true, cancellationToken: ct),
                pod => pod.Status?.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason == "ErrImageNeverPull") == true,
                TimeSpan.FromMinutes(1),
                ct);
            var check = new ClusterStabilityCheck(bed.Client, new StabilityOptions { DaemonSetsTimeout = TimeSpan.FromSeconds(2) });

            var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => check.WaitForDaemonSetsAsync(ct));

            Assert.Equal(ClusterStabilityCheck.DaemonSetsStep, error.Step);
            Assert.Contains($"DaemonSet kube-system/{name}: desired 1, ready 0", error.Diagnosis, StringComparison.Ordinal);
            Assert.Contains("waiting ErrImageNeverPull", error.Diagnosis, StringComparison.Ordinal);
            Assert.Contains("Warning ErrImageNeverPull: Container image \"ksail-test/missing:none\" is not present with pull policy of Never", error.Diagnosis, StringComparison.Ordinal);
        }
        finally
        {
            await DeleteDaemonSetAsync(name);
        }
    }

    [Fact]
    public async Task A_DaemonSet_that_becomes_ready_passes_and_cancelling_a_waiting_step_ends_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var good = $"ksail-test-ds-{Guid.NewGuid().ToString("N")[..6]}";
        var missing = $"ksail-test-missing-{Guid.NewGuid().ToString("N")[..6]}";
        await CreateDaemonSetAsync(good, bed.Image, ct);
        try
        {
            var progress = new ProgressRecorder<ProgressEvent>();
            await new ClusterStabilityCheck(bed.Client, new StabilityOptions(), progress).WaitForDaemonSetsAsync(ct);
            Assert.Contains(progress.Events, e => e.Step == ClusterStabilityCheck.DaemonSetsStep && e.Message.StartsWith("ready after", StringComparison.Ordinal));

            await CreateDaemonSetAsync(missing, "ksail-test/missing:none", ct);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var waiting = new ProgressRecorder<ProgressEvent>().Once(e => e.Message.Contains(missing, StringComparison.Ordinal), _ => cancel.Cancel());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ClusterStabilityCheck(bed.Client, new StabilityOptions(), waiting).WaitForDaemonSetsAsync(cancel.Token));
        }
        finally
        {
            await DeleteDaemonSetAsync(good);
            await DeleteDaemonSetAsync(missing);
        }
    }

    [Fact]
    public async Task Without_a_CNI_only_the_DaemonSets_on_the_host_network_are_waited_for_and_the_others_are_named_until_the_nodes_are_Ready()
    {
        // A cluster whose user brings their own CNI: Pods off the host network cannot start before it runs.
        var ct = TestContext.Current.CancellationToken;
        var offHost = $"ksail-test-pod-net-{Guid.NewGuid().ToString("N")[..6]}";
        var onHost = $"ksail-test-host-net-{Guid.NewGuid().ToString("N")[..6]}";
        await CreateDaemonSetAsync(offHost, "ksail-test/missing:none", ct);
        try
        {
            var progress = new ProgressRecorder<ProgressEvent>();
            await new ClusterStabilityCheck(bed.Client, new StabilityOptions { WithoutCni = true }, progress).WaitForDaemonSetsAsync(ct);
            Assert.Contains(progress.Events, e => e.Step == ClusterStabilityCheck.DaemonSetsStep && e.Message.StartsWith("not waited for without a CNI", StringComparison.Ordinal) && e.Message.Contains(offHost, StringComparison.Ordinal));

            // The whole check on this cluster, whose nodes are Ready (a CNI runs by now, as after the user installed
            // theirs), waits for every DaemonSet again
            var whole = new ClusterStabilityCheck(bed.Client, StabilityOptions.For(Distribution.K3s) with { WithoutCni = true, DaemonSetsTimeout = TimeSpan.FromSeconds(3) });
            var notReady = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => whole.CheckAsync(ct));
            Assert.Contains($"DaemonSet kube-system/{offHost}", notReady.Diagnosis, StringComparison.Ordinal);

            await CreateDaemonSetAsync(onHost, "ksail-test/missing:none", ct, hostNetwork: true);
            var check = new ClusterStabilityCheck(bed.Client, new StabilityOptions { WithoutCni = true, DaemonSetsTimeout = TimeSpan.FromSeconds(3) });
            var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => check.WaitForDaemonSetsAsync(ct));
            Assert.Contains($"DaemonSet kube-system/{onHost}", error.Diagnosis, StringComparison.Ordinal);
            Assert.DoesNotContain(offHost, error.Diagnosis, StringComparison.Ordinal);
        }
        finally
        {
            await DeleteDaemonSetAsync(offHost);
            await DeleteDaemonSetAsync(onHost);
        }
    }

    [Fact]
    public async Task A_connectivity_Pod_that_cannot_reach_the_API_servers_ClusterIP_times_out_with_its_exit_code_and_log_and_is_removed()
    {
        // The K3s stand-in has no Service routing (k3s runs kube-proxy in-process; the stand-in does
        // not), so nc to the ClusterIP really fails: the check retries, then reports the Pod.
        var ct = TestContext.Current.CancellationToken;
        var options = StabilityOptions.For(Distribution.K3s, Cni.Cilium) with { ApiConnectivityImage = bed.Image, ApiConnectivityTimeout = TimeSpan.FromSeconds(20) };
        var progress = new ProgressRecorder<ProgressEvent>();

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => new ClusterStabilityCheck(bed.Client, options, progress).CheckApiConnectivityAsync(ct));

        Assert.Equal(ClusterStabilityCheck.ApiConnectivityStep, error.Step);
        Assert.Contains("terminated with exit code 1", error.Diagnosis, StringComparison.Ordinal);
        Assert.Contains(progress.Events, e => e.Message.Contains(":443; trying again", StringComparison.Ordinal));
        await AssertNoConnectivityPodAsync(ct);
    }

    [Fact]
    public async Task A_connectivity_Pod_that_cannot_start_times_out_with_its_state_and_is_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new StabilityOptions { CheckApiConnectivity = true, ApiConnectivityImage = "ksail-test/missing:none", ApiConnectivityTimeout = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => new ClusterStabilityCheck(bed.Client, options).CheckApiConnectivityAsync(ct));

        Assert.Contains("Pod default/ksail-api-connectivity-", error.Diagnosis, StringComparison.Ordinal);
        await AssertNoConnectivityPodAsync(ct);
    }

    [Fact]
    public async Task The_connectivity_check_waits_for_its_namespaces_default_ServiceAccount_and_says_so_when_it_never_comes()
    {
        // A Pod is refused (403) until the namespace's ServiceAccount "default" exists: right after
        // a cluster comes up the controller manager may not have made it yet. The check waits for it
        // instead of failing on the refusal.
        var ct = TestContext.Current.CancellationToken;
        var ns = $"ksail-test-ns-{Guid.NewGuid().ToString("N")[..6]}";
        var never = new StabilityOptions { CheckApiConnectivity = true, ApiConnectivityImage = bed.Image, ApiConnectivityNamespace = ns, ApiConnectivityTimeout = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => new ClusterStabilityCheck(bed.Client, never).CheckApiConnectivityAsync(ct));
        Assert.Contains($"ServiceAccount {ns}/default does not exist", error.Diagnosis, StringComparison.Ordinal);

        // The namespace appears while the check waits: the controller manager adds its ServiceAccount
        // and the check goes on to run its Pod (which, on the stand-in, cannot reach the ClusterIP).
        var later = never with { ApiConnectivityTimeout = TimeSpan.FromSeconds(30) };
        var progress = new ProgressRecorder<ProgressEvent>().Once(
            e => e.Message.Contains($"ServiceAccount {ns}/default", StringComparison.Ordinal),
            _ => bed.Client.CoreV1.CreateNamespace(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }));
        try
        {
            var timedOut = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => new ClusterStabilityCheck(bed.Client, later, progress).CheckApiConnectivityAsync(ct));
            Assert.Contains(progress.Events, e => e.Message.Contains($"Pod {ns}/ksail-api-connectivity-", StringComparison.Ordinal));
            Assert.Contains("terminated with exit code 1", timedOut.Diagnosis, StringComparison.Ordinal);
        }
        finally
        {
            await bed.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);
        }
    }

    private async Task AssertNoConnectivityPodAsync(CancellationToken ct)
    {
        var left = await bed.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
        Assert.DoesNotContain(left.Items, p => p.Metadata.Name.StartsWith("ksail-api-connectivity-", StringComparison.Ordinal) && p.Metadata.DeletionTimestamp is null);
    }

    private Task<V1Node> CordonAsync(bool cordon, CancellationToken ct) =>
        bed.Client.CoreV1.PatchNodeAsync(new V1Patch(new { spec = new { unschedulable = cordon } }, V1Patch.PatchType.MergePatch), bed.Node, cancellationToken: ct);

    private Task<V1DaemonSet> CreateDaemonSetAsync(string name, string image, CancellationToken ct, bool hostNetwork = false) =>
        bed.Client.AppsV1.CreateNamespacedDaemonSetAsync(
            new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = SystemNamespace },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                        Spec = new V1PodSpec
                        {
                            TerminationGracePeriodSeconds = 0,
                            AutomountServiceAccountToken = false,
                            HostNetwork = hostNetwork ? true : null,
                            Containers = [new V1Container { Name = "main", Image = image, ImagePullPolicy = "Never", Command = ["sleep", "3600"] }],
                        },
                    },
                },
            },
            SystemNamespace,
            cancellationToken: ct);

    private async Task DeleteDaemonSetAsync(string name)
    {
        try
        {
            await bed.Client.AppsV1.DeleteNamespacedDaemonSetAsync(name, SystemNamespace, propagationPolicy: "Foreground", cancellationToken: CancellationToken.None);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}
