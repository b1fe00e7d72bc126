using k8s;

namespace KSail.Testing.TestBed;

/// <summary>
/// A cluster of the test bed's K3s stand-in nodes (<c>testbed.sh images</c>, line <c>k3s-node=</c>),
/// created by <c>testbed.sh k3s-cluster-up</c> the way k3d creates one: network <c>k3d-NAME</c>, a
/// server started with <c>server</c> and K3S_TOKEN, agents with <c>agent</c>, K3S_URL and K3S_TOKEN,
/// k3d's ready log lines awaited. The stand-in is not k3s (see tests/testbed/README.md); this class
/// only drives the script and removes what it made.
/// </summary>
public sealed class K3sStandInCluster : IAsyncDisposable
{
    private Kubernetes? client;

    private K3sStandInCluster(string name, string kubeconfigPath, IReadOnlyList<string> nodes)
    {
        Name = name;
        KubeconfigPath = kubeconfigPath;
        Nodes = nodes;
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
    }

    /// <summary>The cluster's name, as k3d names it (containers are <c>k3d-NAME-server-0</c>, <c>k3d-NAME-agent-0</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The admin kubeconfig (context <c>k3d-NAME</c>, server at the published API port on 127.0.0.1).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The node (container) names, the server first.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The agents' names.</summary>
    public IReadOnlyList<string> Agents => Nodes.Skip(1).ToList();

    /// <summary>A client with admin rights, through <see cref="KubeconfigPath"/>.</summary>
    public IKubernetes Client => client ?? throw new ObjectDisposedException(nameof(K3sStandInCluster));

    /// <summary>Creates a cluster of one server and <paramref name="agents"/> agents; returns once all nodes are Ready.</summary>
    /// <exception cref="TestBedException">A step failed; the script removed what it had made.</exception>
    public static async Task<K3sStandInCluster> CreateAsync(int agents, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        var name = $"ksail-k3s-{Guid.NewGuid().ToString("N")[..6]}";
        try
        {
            var up = await TestBedScript.RunAsync(ct, "k3s-cluster-up", "--name", name, "--agents", agents.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return new K3sStandInCluster(name, up["KUBECONFIG"], up["NODES"].Split(','));
        }
        catch (OperationCanceledException)
        {
            await TestBedScript.RunAsync(CancellationToken.None, "k3s-cluster-down", name).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Loads a local Docker image into one node's containerd as <c>k3d image import</c> does
    /// (<c>docker save</c> piped into the node's <c>ctr images import</c>).
    /// </summary>
    public Task LoadImageAsync(string localImage, string node, CancellationToken ct) =>
        ClusterChecks.LoadImageAsync(localImage, OwnNode(node), ct);

    /// <summary>Runs a command in a node with <c>docker exec</c> and returns its standard output.</summary>
    public Task<string> ExecAsync(string node, CancellationToken ct, params string[] command) =>
        ClusterChecks.RunAsync("docker", ct, ["exec", OwnNode(node), .. command]);

    /// <summary>The containers, networks and volumes of this cluster that still exist (for the clean-up check).</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(CancellationToken ct)
    {
        var label = $"label=io.ksail.testbed.cluster=k3d-{Name}";
        var found = new List<string>();
        foreach (var (kind, args) in new[]
        {
            ("container", new[] { "ps", "-a", "--filter", label, "--format", "{{.Names}}" }),
            ("network", new[] { "network", "ls", "--filter", label, "--format", "{{.Name}}" }),
            ("volume", new[] { "volume", "ls", "--filter", label, "--format", "{{.Name}}" }),
        })
        {
            var output = await ClusterChecks.RunAsync("docker", ct, args).ConfigureAwait(false);
            found.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => $"{kind} {n}"));
        }

        return found;
    }

    /// <summary>Removes the nodes with their volumes, the network and the kubeconfig.</summary>
    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        client = null;
        await TestBedScript.RunAsync(CancellationToken.None, "k3s-cluster-down", Name).ConfigureAwait(false);
    }

    private string OwnNode(string node) =>
        Nodes.Contains(node) ? node : throw new ArgumentException($"{node} is not a node of cluster {Name}", nameof(node));
}
