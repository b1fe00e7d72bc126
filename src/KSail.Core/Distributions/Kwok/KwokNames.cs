namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// kwokctl's names in its docker runtime (kwok v0.8.0 <c>pkg/kwokctl/runtime/compose/cluster_operation.go</c>,
/// <c>pkg/kwokctl/runtime/cluster.go</c>): the project <c>kwok-&lt;name&gt;</c> names the network, prefixes
/// each component's container and is the compose project label; the work folder and its files.
/// </summary>
internal static class KwokNames
{
    public const string Etcd = "etcd";
    public const string KubeApiserver = "kube-apiserver";
    public const string KubeControllerManager = "kube-controller-manager";
    public const string KubeScheduler = "kube-scheduler";
    public const string KwokController = "kwok-controller";

    /// <summary>The port the API server serves TLS on in its container (kwokctl's secure port in container mode).</summary>
    public const int ApiPort = 6443;

    /// <summary>The label kwokctl's docker runtime puts on every container and the network.</summary>
    public const string ComposeProjectLabel = "com.docker.compose.project";

    /// <summary>KSail.NET's label naming a KWOK container's cluster (kwokctl's own label carries the project, not the name).</summary>
    public const string ClusterLabel = "io.ksail.kwok.cluster";

    /// <summary>KSail.NET's label naming the kwokctl component a container runs.</summary>
    public const string ComponentLabel = "io.ksail.kwok.component";

    /// <summary>The five components, in kwokctl's start order (its links: etcd, then the API server, then the rest).</summary>
    public static readonly IReadOnlyList<string> Components = [Etcd, KubeApiserver, KubeControllerManager, KubeScheduler, KwokController];

    /// <summary>kwokctl's project name: the network, the compose label's value, the container prefix and the kubeconfig context.</summary>
    public static string Project(string cluster) => $"kwok-{cluster}";

    /// <summary>The container of <paramref name="component"/>.</summary>
    public static string Container(string cluster, string component) => $"{Project(cluster)}-{component}";

    /// <summary>kwokctl's work folder of <paramref name="cluster"/>: <c>~/.kwok/clusters/&lt;name&gt;</c> (KWOK_WORKDIR moves <c>~/.kwok</c>).</summary>
    public static string WorkFolder(string cluster, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var root = environment?.GetValueOrDefault("KWOK_WORKDIR") ?? System.Environment.GetEnvironmentVariable("KWOK_WORKDIR");
        root = string.IsNullOrEmpty(root) ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".kwok") : root;
        return Path.Combine(root, "clusters", cluster);
    }
}
