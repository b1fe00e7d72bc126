using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>
/// The kind-compatible node image of the test bed behaves like kindest/node where kind's create
/// actions look: kubeadm init and join, run as kind runs them, give a working cluster.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KindNodeImageTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_one_control_plane_two_worker_cluster_of_kind_nodes_is_Ready_and_runs_a_locally_imported_image()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var kernelBefore = HostKernelSettings.Read();

        // Given: the node image, and a local image that exists nowhere but in this Docker engine
        var images = await TestBedScript.RunAsync(ct, "images");
        var localImage = await ClusterChecks.BuildBusyboxImageAsync(ct);
        IReadOnlyList<string> leftovers;
        try
        {
            // When: kind's create steps run on three nodes of the image
            var cluster = await KindNodeCluster.CreateAsync(images["kind-node"], workers: 2, ct);
            try
            {
                var client = cluster.Client;

                // Then: every node is Ready
                await ClusterChecks.WaitForNodesReadyAsync(client, cluster.Nodes, ReadyTimeout, ct);
                var kubectl = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", cluster.KubeconfigPath, "get", "nodes", "-o",
                    "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
                foreach (var node in cluster.Nodes)
                {
                    Assert.Contains($"{node}=True", kubectl, StringComparison.Ordinal);
                }

                // And: every kube-system DaemonSet (kube-proxy, the kindnetd stand-in) is ready on every node
                var daemonSets = await ClusterChecks.WaitForDaemonSetsReadyAsync(client, cluster.Nodes.Count, ReadyTimeout, ct);
                Assert.Contains("kube-proxy", daemonSets);
                Assert.Contains("kindnet", daemonSets);
                await ClusterChecks.WaitForServiceRulesAsync((node, token) => cluster.ExecAsync(node, token, "iptables", "-t", "nat", "-S", "KUBE-SERVICES"), cluster.Nodes, ReadyTimeout, ct);

                // And: a Pod from the locally imported image runs on a worker and its logs can be read
                var worker = cluster.Workers[0];
                await cluster.LoadImageAsync(localImage, worker, ct);
                var pod = await ClusterChecks.RunHelloPodAsync(client, localImage, worker, ReadyTimeout, ct);
                Assert.Equal("Succeeded", pod.Status.Phase);
                Assert.Equal(worker, pod.Spec.NodeName);
                var logs = await ClusterChecks.PodLogAsync(client, pod, ct);
                Assert.Equal($"hello from {worker}", logs.Trim());
            }
            finally
            {
                await cluster.DisposeAsync();
            }

            leftovers = await cluster.LeftoversAsync(ct);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", localImage);
        }

        // Then: nothing of the cluster is left, and the host's kernel settings are as they were
        Assert.Empty(leftovers);
        Assert.Equal(kernelBefore, HostKernelSettings.Read());
    }
}
