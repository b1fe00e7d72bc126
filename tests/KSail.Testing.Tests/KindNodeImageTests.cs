using System.Diagnostics;
using k8s;
using k8s.Models;
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
        var localImage = await BuildLocalImageAsync(ct);
        IReadOnlyList<string> leftovers;
        try
        {
            // When: kind's create steps run on three nodes of the image
            var cluster = await KindNodeCluster.CreateAsync(images["kind-node"], workers: 2, ct);
            try
            {
                var client = cluster.Client;

                // Then: every node is Ready
                await WaitForAllNodesReadyAsync(client, cluster.Nodes, ct);
                var kubectl = await RunAsync("kubectl", ct, "--kubeconfig", cluster.KubeconfigPath, "get", "nodes", "-o",
                    "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
                foreach (var node in cluster.Nodes)
                {
                    Assert.Contains($"{node}=True", kubectl, StringComparison.Ordinal);
                }

                // And: every kube-system DaemonSet (kube-proxy, the kindnetd stand-in) is ready on every node
                var daemonSets = await WaitForDaemonSetsReadyAsync(client, cluster.Nodes.Count, ct);
                Assert.Contains("kube-proxy", daemonSets);
                Assert.Contains("kindnet", daemonSets);
                foreach (var node in cluster.Nodes)
                {
                    // kube-proxy programs the node for real: the Service chain holds the API server's Service.
                    var services = await cluster.ExecAsync(node, ct, "iptables", "-t", "nat", "-S", "KUBE-SERVICES");
                    Assert.Contains("default/kubernetes:https", services, StringComparison.Ordinal);
                }

                // And: a Pod from the locally imported image runs on a worker and its logs can be read
                var worker = cluster.Workers[0];
                await cluster.LoadImageAsync(localImage, worker, ct);
                var pod = await RunPodAsync(client, localImage, worker, ct);
                Assert.Equal("Succeeded", pod.Status.Phase);
                Assert.Equal(worker, pod.Spec.NodeName);
                using var logStream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
                using var reader = new StreamReader(logStream);
                var logs = await reader.ReadToEndAsync(ct);
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
            await RunAsync("docker", CancellationToken.None, "rmi", localImage);
        }

        // Then: nothing of the cluster is left, and the host's kernel settings are as they were
        Assert.Empty(leftovers);
        Assert.Equal(kernelBefore, HostKernelSettings.Read());
    }

    private static async Task WaitForAllNodesReadyAsync(IKubernetes client, IReadOnlyList<string> nodes, CancellationToken ct)
    {
        var ready = new HashSet<string>(StringComparer.Ordinal);
        await Watch.FirstAsync<V1Node, V1NodeList>(
            client.CoreV1.ListNodeWithHttpMessagesAsync(watch: true, cancellationToken: ct),
            node =>
            {
                if (node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                {
                    ready.Add(node.Metadata.Name);
                }
                else
                {
                    ready.Remove(node.Metadata.Name);
                }

                return ready.SetEquals(nodes);
            },
            ReadyTimeout,
            ct);
    }

    // Watches kube-system's DaemonSets until each is ready on every node; returns their names.
    private static async Task<IReadOnlyCollection<string>> WaitForDaemonSetsReadyAsync(IKubernetes client, int nodeCount, CancellationToken ct)
    {
        var existing = await client.AppsV1.ListNamespacedDaemonSetAsync("kube-system", cancellationToken: ct);
        var pending = existing.Items.Select(d => d.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var names = pending.ToList();
        Assert.NotEmpty(names);
        await Watch.FirstAsync<V1DaemonSet, V1DaemonSetList>(
            client.AppsV1.ListNamespacedDaemonSetWithHttpMessagesAsync("kube-system", watch: true, cancellationToken: ct),
            ds =>
            {
                var status = ds.Status;
                if (status is not null && status.DesiredNumberScheduled == nodeCount && status.NumberReady == nodeCount
                    && status.UpdatedNumberScheduled == nodeCount && ds.Metadata.Generation == status.ObservedGeneration)
                {
                    pending.Remove(ds.Metadata.Name);
                }

                return pending.Count == 0;
            },
            ReadyTimeout,
            ct);
        return names;
    }

    private static async Task<V1Pod> RunPodAsync(IKubernetes client, string image, string node, CancellationToken ct)
    {
        var ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);

        // In 1.20 a Pod needs its service account's token Secret, which the token controller adds just after the namespace appears.
        await Watch.FirstAsync<V1ServiceAccount, V1ServiceAccountList>(
            client.CoreV1.ListNamespacedServiceAccountWithHttpMessagesAsync(ns, fieldSelector: "metadata.name=default", watch: true, cancellationToken: ct),
            sa => sa.Secrets?.Count > 0,
            TimeSpan.FromSeconds(60),
            ct);
        await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "hello", NamespaceProperty = ns },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node },
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "hello",
                            Image = image,
                            ImagePullPolicy = "IfNotPresent",
                            Command = ["/bin/busybox", "sh", "-c", "echo \"hello from $NODE_NAME\""],
                            Env = [new V1EnvVar { Name = "NODE_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } }],
                        },
                    ],
                },
            },
            ns,
            cancellationToken: ct);
        return await Watch.FirstAsync<V1Pod, V1PodList>(
            client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, fieldSelector: "metadata.name=hello", watch: true, cancellationToken: ct),
            pod => pod.Status?.Phase is "Succeeded" or "Failed",
            ReadyTimeout,
            ct);
    }

    // A one-layer image holding Debian's static busybox, imported into the local Docker engine only.
    private static async Task<string> BuildLocalImageAsync(CancellationToken ct)
    {
        var tag = $"ksail-test/kind-node-pod:{Guid.NewGuid().ToString("N")[..8]}";
        using var scratch = new ScratchDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(scratch.Path, "bin"));
        File.Copy("/bin/busybox", Path.Combine(bin.FullName, "busybox"));
        await RunAsync("bash", ct, "-c", "tar -C \"$1\" -c . | docker import --change 'LABEL io.ksail.test=true' - \"$2\" >/dev/null", "import", scratch.Path, tag);
        return tag;
    }

    private static async Task<string> RunAsync(string program, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}
