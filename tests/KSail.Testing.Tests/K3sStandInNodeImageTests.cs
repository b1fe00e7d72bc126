using k8s;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>
/// The K3s stand-in node image of the test bed takes k3s's command line where k3d passes it: a
/// server and two agents, started as k3d starts them, give a working cluster.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class K3sStandInNodeImageTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_one_server_two_agent_cluster_of_stand_in_nodes_is_Ready_and_runs_a_locally_imported_image()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var kernelBefore = HostKernelSettings.Read();

        // Given: a local image that exists nowhere but in this Docker engine
        var localImage = await ClusterChecks.BuildBusyboxImageAsync(ct);
        IReadOnlyList<string> leftovers;
        try
        {
            // When: k3d's create steps run on one server and two agents
            var cluster = await K3sStandInCluster.CreateAsync(agents: 2, ct);
            try
            {
                var client = cluster.Client;
                Assert.Equal([$"k3d-{cluster.Name}-server-0", $"k3d-{cluster.Name}-agent-0", $"k3d-{cluster.Name}-agent-1"], cluster.Nodes);

                // Then: the machine's kubectl sees every node Ready, through k3d's context
                await ClusterChecks.WaitForNodesReadyAsync(client, cluster.Nodes, ReadyTimeout, ct);
                var kubectl = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", cluster.KubeconfigPath, "get", "nodes", "-o",
                    "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
                foreach (var node in cluster.Nodes)
                {
                    Assert.Contains($"{node}=True", kubectl, StringComparison.Ordinal);
                }

                var context = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", cluster.KubeconfigPath, "config", "current-context");
                Assert.Equal($"k3d-{cluster.Name}", context.Trim());

                // And: the server carries k3s's role labels; agents do not
                var server = await client.CoreV1.ReadNodeAsync(cluster.Nodes[0], cancellationToken: ct);
                Assert.Equal("true", server.Metadata.Labels["node-role.kubernetes.io/master"]);
                Assert.Equal("k3s", server.Metadata.Labels["node.kubernetes.io/instance-type"]);
                var agent = await client.CoreV1.ReadNodeAsync(cluster.Agents[0], cancellationToken: ct);
                Assert.False(agent.Metadata.Labels.ContainsKey("node-role.kubernetes.io/master"));

                // And: every kube-system DaemonSet (k3s runs flannel and kube-proxy in-process, so there may be none) is ready on every node
                await ClusterChecks.WaitForDaemonSetsReadyAsync(client, cluster.Nodes.Count, ReadyTimeout, ct);

                // And: kube-proxy programs every node for real: the Service chain holds the API server's Service
                await ClusterChecks.WaitForServiceRulesAsync((node, token) => cluster.ExecAsync(node, token, "iptables", "-t", "nat", "-S", "KUBE-SERVICES"), cluster.Nodes, ReadyTimeout, ct);

                // And: a Pod from the locally imported image runs on an agent and its logs can be read
                var worker = cluster.Agents[1];
                await cluster.LoadImageAsync(localImage, worker, ct);
                var pod = await ClusterChecks.RunHelloPodAsync(client, localImage, worker, ReadyTimeout, ct);
                Assert.Equal("Succeeded", pod.Status.Phase);
                Assert.Equal(worker, pod.Spec.NodeName);
                Assert.Equal($"hello from {worker}", (await ClusterChecks.PodLogAsync(client, pod, ct)).Trim());
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
