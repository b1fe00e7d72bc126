using System.Diagnostics;
using System.Globalization;
using System.Text;
using k8s;

namespace KSail.Testing.TestBed;

/// <summary>
/// A cluster of the test bed's kind-compatible node containers (<c>testbed.sh images</c>, line
/// <c>kind-node=</c>), created the way kind creates one: a Docker network, one container per node,
/// kind's kubeadm configuration copied to <c>/kind/kubeadm.conf</c> in each, <c>kubeadm init</c> and
/// <c>kubeadm join</c> run with <c>docker exec</c> and kind's flags, then kind's CNI and storage
/// manifests read from the node and installed. Everything it creates is labelled
/// <c>io.ksail.test=true</c>; <see cref="DisposeAsync"/> removes it.
/// </summary>
public sealed class KindNodeCluster : IAsyncDisposable
{
    /// <summary>The pod subnet kind uses by default.</summary>
    public const string PodSubnet = "10.244.0.0/16";

    /// <summary>The service subnet kind uses by default.</summary>
    public const string ServiceSubnet = "10.96.0.0/16";

    private readonly ScratchDirectory scratch = new();
    private Kubernetes? client;

    private KindNodeCluster(string name, string image, IReadOnlyList<string> workers)
    {
        Name = name;
        Image = image;
        ControlPlaneNode = $"{name}-control-plane";
        Workers = workers;
        Nodes = [ControlPlaneNode, .. workers];
    }

    /// <summary>
    /// The <c>docker run</c> flags that replace kind's <c>--privileged</c> on hosts whose capability
    /// bounding set lacks CAP_SYS_RESOURCE (see TESTING.md), with kind's <c>--cgroupns=private</c>.
    /// Mirrors <c>kind_node_security_flags</c> in <c>tests/testbed/testbed.sh</c>.
    /// </summary>
    public static IReadOnlyList<string> NodeSecurityFlags { get; } =
    [
        "--cgroupns=private",
        "--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE",
        "--security-opt", "apparmor=unconfined", "--security-opt", "seccomp=unconfined",
        "--security-opt", "systempaths=unconfined",
        "--device-cgroup-rule", "a *:* rwm", "--device", "/dev/kmsg",
    ];

    /// <summary>The cluster's name: also the Docker network's name and the prefix of every node.</summary>
    public string Name { get; }

    /// <summary>The node image the cluster runs.</summary>
    public string Image { get; }

    /// <summary>The control-plane node's container (and Kubernetes node) name.</summary>
    public string ControlPlaneNode { get; }

    /// <summary>The worker nodes' container names, as kind names them (<c>NAME-worker</c>, <c>NAME-worker2</c>, ...).</summary>
    public IReadOnlyList<string> Workers { get; }

    /// <summary>All node names, the control plane first.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The admin kubeconfig, with the server at the API server's port published on 127.0.0.1.</summary>
    public string KubeconfigPath { get; private set; } = "";

    /// <summary>A client with admin rights, through <see cref="KubeconfigPath"/>.</summary>
    public IKubernetes Client => client ?? throw new InvalidOperationException("the cluster is not created");

    /// <summary>
    /// Creates the cluster and returns once every node has joined (nodes may still be NotReady).
    /// On failure everything created so far is removed and the exception carries the nodes' logs.
    /// </summary>
    public static async Task<KindNodeCluster> CreateAsync(string image, int workers, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        var name = $"ksail-kind-{Guid.NewGuid().ToString("N")[..6]}";
        var workerNames = Enumerable.Range(1, workers).Select(i => i == 1 ? $"{name}-worker" : $"{name}-worker{i}").ToList();
        var cluster = new KindNodeCluster(name, image, workerNames);
        try
        {
            await cluster.ProvisionAsync(ct).ConfigureAwait(false);
            return cluster;
        }
        catch (Exception e)
        {
            // Whatever failed, nothing is left behind; a failed step comes with the nodes' logs.
            var logs = await cluster.NodeLogsAsync().ConfigureAwait(false);
            await cluster.DisposeAsync().ConfigureAwait(false);
            if (e is not (TestBedException or TimeoutException))
            {
                throw;
            }

            throw new TestBedException($"{e.Message}{Environment.NewLine}{logs}", e);
        }
    }

    /// <summary>
    /// Loads a local Docker image into one node's containerd as <c>kind load docker-image</c> does
    /// (<c>docker save</c> piped into <c>ctr images import</c> in the node).
    /// </summary>
    public Task LoadImageAsync(string localImage, string node, CancellationToken ct) =>
        RunAsync(
            "bash",
            ["-c", "set -o pipefail; docker save \"$1\" | docker exec -i \"$2\" ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -", "load", localImage, OwnNode(node)],
            stdin: null,
            ct);

    /// <summary>Runs a command in a node with <c>docker exec</c> and returns its standard output.</summary>
    public Task<string> ExecAsync(string node, CancellationToken ct, params string[] command) =>
        DockerAsync(["exec", OwnNode(node), .. command], stdin: null, ct);

    /// <summary>The containers, volumes and networks of this cluster that still exist (for the clean-up check).</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(CancellationToken ct)
    {
        var label = $"label=io.ksail.testbed.cluster={Name}";
        var containers = await DockerAsync(["ps", "-a", "--filter", label, "--format", "container {{.Names}}"], null, ct).ConfigureAwait(false);
        var networks = await DockerAsync(["network", "ls", "--filter", label, "--format", "network {{.Name}}"], null, ct).ConfigureAwait(false);
        var volumes = await DockerAsync(["volume", "ls", "--filter", "label=io.ksail.test=true", "--format", "{{.Name}}"], null, ct).ConfigureAwait(false);
        return [.. Lines(containers), .. Lines(networks), .. Lines(volumes).Where(v => Nodes.Any(n => v == VolumeName(n))).Select(v => $"volume {v}")];
    }

    /// <summary>Removes the node containers with their volumes, the network and the kubeconfig.</summary>
    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        client = null;
        foreach (var node in Nodes)
        {
            await TryDockerAsync("rm", "-f", "-v", node).ConfigureAwait(false);
            await TryDockerAsync("volume", "rm", "-f", VolumeName(node)).ConfigureAwait(false);
        }

        await TryDockerAsync("network", "rm", Name).ConfigureAwait(false);
        scratch.Dispose();
    }

    private static string VolumeName(string node) => $"{node}-var";

    private string OwnNode(string node) =>
        Nodes.Contains(node) ? node : throw new ArgumentException($"{node} is not a node of cluster {Name}", nameof(node));

    private async Task ProvisionAsync(CancellationToken ct)
    {
        await DockerAsync(
            ["network", "create", "--label", "io.ksail.test=true", "--label", "io.ksail.testbed=true", "--label", $"io.ksail.testbed.cluster={Name}", Name],
            null,
            ct).ConfigureAwait(false);

        foreach (var node in Nodes)
        {
            var controlPlane = node == ControlPlaneNode;
            List<string> args =
            [
                "run", "-d", "--name", node, "--hostname", node, "--network", Name, "--init=false",
                "--label", "io.ksail.test=true", "--label", "io.ksail.testbed=true",
                "--label", $"io.ksail.testbed.cluster={Name}",
                "--label", $"io.ksail.testbed.role={(controlPlane ? "control-plane" : "worker")}",
                .. NodeSecurityFlags,
                "--tmpfs", "/tmp", "--tmpfs", "/run",
                "--mount", $"type=volume,source={VolumeName(node)},target=/var,volume-label=io.ksail.test=true",
            ];
            if (Directory.Exists("/lib/modules"))
            {
                args.AddRange(["--volume", "/lib/modules:/lib/modules:ro"]);
            }

            if (controlPlane)
            {
                args.AddRange(["-p", "127.0.0.1::6443", "-e", "KUBECONFIG=/etc/kubernetes/admin.conf"]);
            }

            args.Add(Image);
            await DockerAsync(args, null, ct).ConfigureAwait(false);
        }

        // kind's config action: the same generated file in every node, at /kind/kubeadm.conf.
        var token = $"{RandomHex(3)}.{RandomHex(8)}";
        var endpoint = $"{ControlPlaneNode}:6443";
        foreach (var node in Nodes)
        {
            var address = (await DockerAsync(["inspect", "--format", $"{{{{(index .NetworkSettings.Networks \"{Name}\").IPAddress}}}}", node], null, ct).ConfigureAwait(false)).Trim();
            var config = KubeadmConfig(node, address, endpoint, token, node == ControlPlaneNode);
            await DockerAsync(["exec", "-i", node, "sh", "-c", "mkdir -p /kind && cp /dev/stdin /kind/kubeadm.conf"], config, ct).ConfigureAwait(false);
        }

        // kind's kubeadminit action (Kubernetes < 1.23: preflight skipped on the command line).
        await ExecAsync(ControlPlaneNode, ct, "kubeadm", "init", "--config=/kind/kubeadm.conf", "--skip-token-print", "--v=6", "--skip-phases=preflight").ConfigureAwait(false);
        if (Workers.Count == 0)
        {
            await ExecAsync(ControlPlaneNode, ct, "kubectl", "--kubeconfig=/etc/kubernetes/admin.conf", "taint", "nodes", "--all", "node-role.kubernetes.io/master-").ConfigureAwait(false);
        }

        // kind's installcni action: the node's manifest, templated and patched, created with the node's kubectl.
        var cni = await ExecAsync(ControlPlaneNode, ct, "cat", "/kind/manifests/default-cni.yaml").ConfigureAwait(false);
        if (cni.Contains("would you kindly template this file", StringComparison.Ordinal))
        {
            cni = cni.Replace("{{ .PodSubnet }}", PodSubnet, StringComparison.Ordinal);
        }

        if (cni.Contains("would you kindly patch this file", StringComparison.Ordinal))
        {
            cni = AddControlPlaneEndpoint(cni, endpoint);
        }

        await DockerAsync(["exec", "-i", ControlPlaneNode, "kubectl", "create", "--kubeconfig=/etc/kubernetes/admin.conf", "-f", "-"], cni, ct).ConfigureAwait(false);

        // kind's installstorage action.
        var storage = await ExecAsync(ControlPlaneNode, ct, "cat", "/kind/manifests/default-storage.yaml").ConfigureAwait(false);
        await DockerAsync(["exec", "-i", ControlPlaneNode, "kubectl", "--kubeconfig=/etc/kubernetes/admin.conf", "apply", "-f", "-"], storage, ct).ConfigureAwait(false);

        // kind's kubeadmjoin action: workers join concurrently.
        await Task.WhenAll(Workers.Select(worker =>
            ExecAsync(worker, ct, "kubeadm", "join", "--config", "/kind/kubeadm.conf", "--v=6", "--skip-phases=preflight"))).ConfigureAwait(false);

        // kind's kubeconfig: admin.conf with the server at the published port on 127.0.0.1.
        var port = (await DockerAsync(["port", ControlPlaneNode, "6443/tcp"], null, ct).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith("127.0.0.1:", StringComparison.Ordinal) ? line["127.0.0.1:".Length..] : null)
            .FirstOrDefault(p => p is not null) ?? throw new TestBedException($"port 6443 of {ControlPlaneNode} is not published on 127.0.0.1");
        var admin = await ExecAsync(ControlPlaneNode, ct, "cat", "/etc/kubernetes/admin.conf").ConfigureAwait(false);
        var kubeconfig = string.Join('\n', admin.Split('\n').Select(line =>
            line.TrimStart().StartsWith("server: ", StringComparison.Ordinal) ? $"    server: https://127.0.0.1:{port}" : line));
        KubeconfigPath = scratch.Write("kubeconfig", kubeconfig);
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    // The JSON 6902 patch kind applies: an env entry appended to the first container.
    private static string AddControlPlaneEndpoint(string manifest, string endpoint)
    {
        const string envLine = "        env:\n";
        var at = manifest.IndexOf(envLine, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new TestBedException("default-cni.yaml asks to be patched but its first container has no env list");
        }

        at += envLine.Length;
        return manifest[..at] + $"        - name: CONTROL_PLANE_ENDPOINT\n          value: {endpoint}\n" + manifest[at..];
    }

    // The configuration kind generates for a Kubernetes 1.20 node (its v1beta2 template, cgroupfs,
    // kube-proxy with conntrack.maxPerCore 0 so it never touches nf_conntrack_max).
    private string KubeadmConfig(string node, string address, string endpoint, string token, bool controlPlane)
    {
        var joinControlPlane = controlPlane
            ? $"""
              controlPlane:
                localAPIEndpoint:
                  advertiseAddress: "{address}"
                  bindPort: 6443

              """
            : "";
        return $"""
            # config generated by kind
            apiVersion: kubeadm.k8s.io/v1beta2
            kind: ClusterConfiguration
            metadata:
              name: config
            kubernetesVersion: v1.20.2
            clusterName: "{Name}"
            featureGates:
              "IPv6DualStack": true
            controlPlaneEndpoint: "{endpoint}"
            apiServer:
              certSANs: [localhost, "127.0.0.1"]
              extraArgs:
                "runtime-config": ""
            controllerManager:
              extraArgs:
                enable-hostpath-provisioner: "true"
            scheduler:
              extraArgs:
            networking:
              podSubnet: "{PodSubnet}"
              serviceSubnet: "{ServiceSubnet}"
            ---
            apiVersion: kubeadm.k8s.io/v1beta2
            kind: InitConfiguration
            metadata:
              name: config
            bootstrapTokens:
            - token: "{token}"
            localAPIEndpoint:
              advertiseAddress: "{address}"
              bindPort: 6443
            nodeRegistration:
              criSocket: "unix:///run/containerd/containerd.sock"
              kubeletExtraArgs:
                node-ip: "{address}"
                provider-id: "kind://docker/{Name}/{node}"
                node-labels: ""
            ---
            apiVersion: kubeadm.k8s.io/v1beta2
            kind: JoinConfiguration
            metadata:
              name: config
            {joinControlPlane}nodeRegistration:
              criSocket: "unix:///run/containerd/containerd.sock"
              kubeletExtraArgs:
                node-ip: "{address}"
                provider-id: "kind://docker/{Name}/{node}"
                node-labels: ""
            discovery:
              bootstrapToken:
                apiServerEndpoint: "{endpoint}"
                token: "{token}"
                unsafeSkipCAVerification: true
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            metadata:
              name: config
            cgroupDriver: cgroupfs
            cgroupRoot: /kubelet
            failSwapOn: false
            imageGCHighThresholdPercent: 100
            evictionHard:
              nodefs.available: "0%"
              nodefs.inodesFree: "0%"
              imagefs.available: "0%"
            ---
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            metadata:
              name: config
            mode: "iptables"
            iptables:
              minSyncPeriod: 1s
            conntrack:
              maxPerCore: 0

            """;
    }

    private async Task<string> NodeLogsAsync()
    {
        var text = new StringBuilder();
        foreach (var node in Nodes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                var logs = await RunAsync("docker", ["logs", "--tail", "20", node], null, timeout.Token, mergeErrors: true).ConfigureAwait(false);
                var daemons = await ExecAsync(node, timeout.Token, "sh", "-c", "tail -n 15 /var/log/kubelet.log; echo ....; tail -n 5 /var/log/containerd.log").ConfigureAwait(false);
                text.Append(CultureInfo.InvariantCulture, $"---- {node} ----\n{logs}\n{daemons}\n");
            }
            catch (Exception e) when (e is TestBedException or OperationCanceledException)
            {
                text.Append(CultureInfo.InvariantCulture, $"---- {node}: no logs ({e.Message.Split('\n')[0]}) ----\n");
            }
        }

        return text.ToString();
    }

    private static Task<string> DockerAsync(IReadOnlyList<string> args, string? stdin, CancellationToken ct) =>
        RunAsync("docker", args, stdin, ct);

    private static async Task TryDockerAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await RunAsync("docker", args, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TestBedException or OperationCanceledException)
        {
            // Already gone, or left to the suite's leak guard, which names it.
        }
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> args, string? stdin, CancellationToken ct, bool mergeErrors = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new TestBedException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), ct).ConfigureAwait(false);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', errors.Split('\n').TakeLast(20));
            var shown = args.Count > 0 && args[0] == "-c" ? string.Join(' ', args.Skip(2)) : string.Join(' ', args.Take(6));
            throw new TestBedException($"{program} {shown} exited with {process.ExitCode}:\n{tail}");
        }

        return mergeErrors ? output + errors : output;
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
}
