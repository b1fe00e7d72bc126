using System.Diagnostics;
using k8s;
using k8s.Models;
using Xunit;

namespace KSail.Testing.TestBed;

/// <summary>
/// What the node-image tests check on any cluster, whatever made it: nodes Ready, kube-system
/// DaemonSets ready everywhere, a Pod run from a local image on a chosen node. All waits watch.
/// </summary>
public static class ClusterChecks
{
    /// <summary>Watches nodes until exactly <paramref name="nodes"/> are Ready.</summary>
    public static Task WaitForNodesReadyAsync(IKubernetes client, IReadOnlyCollection<string> nodes, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        return Watch.FirstAsync<V1Node, V1NodeList>(
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
            timeout,
            ct);
    }

    /// <summary>
    /// Polls each node's nat table until kube-proxy has put the API server's Service into the
    /// KUBE-SERVICES chain. A read while kube-proxy rewrites the chain can fail (iptables-nft then
    /// calls the chain incompatible); such reads are retried until <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitForServiceRulesAsync(Func<string, CancellationToken, Task<string>> exec, IEnumerable<string> nodes, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exec);
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
        {
            var clock = Stopwatch.StartNew();
            var last = string.Empty;
            while (true)
            {
                try
                {
                    last = await exec(node, ct).ConfigureAwait(false);
                    if (last.Contains("default/kubernetes:https", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                catch (TestBedException ex)
                {
                    last = ex.Message;
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TestBedException($"kube-proxy did not program {node} within {timeout.TotalSeconds:0} s; the last read of KUBE-SERVICES gave: {last}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Watches kube-system's DaemonSets until each is ready and up to date on <paramref name="nodeCount"/>
    /// nodes; returns their names (empty when the cluster has none, as k3s has none).
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> WaitForDaemonSetsReadyAsync(IKubernetes client, int nodeCount, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var existing = await client.AppsV1.ListNamespacedDaemonSetAsync("kube-system", cancellationToken: ct).ConfigureAwait(false);
        var names = existing.Items.Select(d => d.Metadata.Name).ToList();
        if (names.Count == 0)
        {
            return names;
        }

        var pending = names.ToHashSet(StringComparer.Ordinal);
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
            timeout,
            ct).ConfigureAwait(false);
        return names;
    }

    /// <summary>
    /// Runs a Pod of <paramref name="image"/> (never pulled) on <paramref name="node"/> in a new
    /// namespace; it prints <c>hello from NODE</c>. Returns the Pod once it has finished. With
    /// <paramref name="byNodeName"/>, the Pod is bound to the node by <c>nodeName</c> (past the
    /// scheduler, so a control plane's taint does not keep it away) instead of a node selector.
    /// A Pod whose image the node had but whose container runc could not start (StartError: the
    /// test bed's loaded cgroup v1 nodes now and then fail to move it into its new cgroup, "no such
    /// device", or its cgroup.procs gone) is run again, up to four times and a few seconds apart (the
    /// race comes in bursts under load), in a new namespace: what these checks are about (the image
    /// reached the node, the Pod was scheduled) had already happened.
    /// </summary>
    public static async Task<V1Pod> RunHelloPodAsync(IKubernetes client, string image, string node, TimeSpan timeout, CancellationToken ct, bool byNodeName = false)
    {
        var pod = await RunHelloPodOnceAsync(client, image, node, timeout, byNodeName, ct).ConfigureAwait(false);
        for (var again = 0; again < 4 && pod.Status?.Phase == "Failed" && pod.Status.ContainerStatuses?.Any(c => c.State?.Terminated?.Reason == "StartError") == true; again++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5 * (again + 1)), ct).ConfigureAwait(false);
            pod = await RunHelloPodOnceAsync(client, image, node, timeout, byNodeName, ct).ConfigureAwait(false);
        }

        return pod;
    }

    private static async Task<V1Pod> RunHelloPodOnceAsync(IKubernetes client, string image, string node, TimeSpan timeout, bool byNodeName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct).ConfigureAwait(false);

        // The service-account controller fills a new namespace within seconds; a loaded machine can take longer.
        await WaitForDefaultServiceAccountAsync(client, timeout, ct, ns).ConfigureAwait(false);
        await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "hello", NamespaceProperty = ns },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    NodeSelector = byNodeName ? null : new Dictionary<string, string> { ["kubernetes.io/hostname"] = node },
                    NodeName = byNodeName ? node : null,
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
            cancellationToken: ct).ConfigureAwait(false);
        // A watch the loaded API server drops (an HTTP/2 stream reset) is started again within the time limit.
        return await Watch.FirstOnceServedAsync<V1Pod, V1PodList>(
            token => client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, fieldSelector: "metadata.name=hello", watch: true, cancellationToken: token),
            pod => pod.Status?.Phase is "Succeeded" or "Failed",
            timeout,
            ct: ct).ConfigureAwait(false);
    }

    /// <summary>The log of a Pod's only container.</summary>
    public static async Task<string> PodLogAsync(IKubernetes client, V1Pod pod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pod);
        using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A one-layer image holding Debian's static busybox, imported into the local Docker engine only
    /// (labelled for the leak guard); remove it with <c>docker rmi</c>.
    /// </summary>
    public static async Task<string> BuildBusyboxImageAsync(CancellationToken ct)
    {
        var tag = $"ksail-test/pod:{Guid.NewGuid().ToString("N")[..8]}";
        using var scratch = new ScratchDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(scratch.Path, "bin"));
        File.Copy("/bin/busybox", Path.Combine(bin.FullName, "busybox"));
        await RunAsync("bash", ct, "-c", "tar -C \"$1\" -c . | docker import --change 'LABEL io.ksail.test=true' - \"$2\" >/dev/null", "import", scratch.Path, tag).ConfigureAwait(false);
        return tag;
    }

    /// <summary>
    /// Loads a local image into a node's containerd (namespace k8s.io), as <c>kind load</c> does:
    /// <c>docker save</c> piped into the node's <c>ctr images import</c> (kind and k3s nodes alike).
    /// </summary>
    public static Task LoadImageAsync(string localImage, string node, CancellationToken ct) =>
        RunAsync("bash", ct, "-c", "set -o pipefail; docker save \"$1\" | docker exec -i \"$2\" ctr -n k8s.io images import -", "load", localImage, node);

    /// <summary>A TCP port free on 127.0.0.1 now (the OS picks it).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    // In 1.20 a Pod needs its service account's token Secret, which the token controller adds just after the namespace appears.
    private static Task<V1ServiceAccount> WaitForDefaultServiceAccountAsync(IKubernetes client, TimeSpan timeout, CancellationToken ct, string ns = "default") =>
        Watch.FirstOnceServedAsync<V1ServiceAccount, V1ServiceAccountList>(
            token => client.CoreV1.ListNamespacedServiceAccountWithHttpMessagesAsync(ns, fieldSelector: "metadata.name=default", watch: true, cancellationToken: token),
            sa => sa.Secrets?.Count > 0,
            timeout,
            ct: ct);

    /// <summary>
    /// Runs Pod <c>web</c> in namespace default on <paramref name="node"/>: busybox httpd serving
    /// "served by a pod" on hostPort 8080; returns once the Pod is Ready.
    /// </summary>
    public static async Task RunWebPodAsync(IKubernetes client, string image, string node, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        await WaitForDefaultServiceAccountAsync(client, timeout, ct).ConfigureAwait(false);
        await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1PodSpec
                {
                    NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node },
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "web",
                            Image = image,
                            ImagePullPolicy = "Never",
                            Command = ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /www && echo 'served by a pod' > /www/index.html && exec /bin/busybox httpd -f -p 8080 -h /www"],
                            Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 8080 }],
                            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080 }, PeriodSeconds = 1 },
                        },
                    ],
                },
            },
            "default",
            cancellationToken: ct).ConfigureAwait(false);
        await Watch.FirstAsync<V1Pod, V1PodList>(
            client.CoreV1.ListNamespacedPodWithHttpMessagesAsync("default", fieldSelector: "metadata.name=web", watch: true, cancellationToken: ct),
            pod => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            timeout,
            ct).ConfigureAwait(false);
    }

    /// <summary>The page at <paramref name="uri"/>; a refused or reset connection is retried for up to 30 s (port maps are set up just after a Pod is Ready).</summary>
    public static async Task<string> GetPageAsync(Uri uri, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(uri, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < 60)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The names of every Node object of the cluster (sorted), asserting each is Ready: a node a test
    /// removed must not stay behind as NotReady.
    /// </summary>
    public static async Task<string[]> ReadyNodeNamesAsync(string kubeconfig, CancellationToken ct)
    {
        var nodes = await RunAsync("kubectl", ct, "--kubeconfig", kubeconfig, "get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}").ConfigureAwait(false);
        var lines = nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, l => Assert.EndsWith("=True", l, StringComparison.Ordinal));
        return lines.Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Runs a program to its end and returns its standard output.</summary>
    /// <exception cref="TestBedException">It exited non-zero; the message holds its standard error.</exception>
    public static async Task<string> RunAsync(string program, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new TestBedException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new TestBedException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await errors.ConfigureAwait(false)}");
        }

        return await output.ConfigureAwait(false);
    }
}
