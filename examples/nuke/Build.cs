using k8s;
using KSail.Core.Lifecycle;
using KSail.Nuke;
using Serilog;
using static KSail.Nuke.KSailTasks;

/// <summary>
/// What a NUKE build with KSail.Nuke does, target by target. In NUKE each method below is a
/// <c>Target X =&gt; _ =&gt; _.Executes(() =&gt; ...)</c>; here a console host runs them in the order given.
/// </summary>
internal sealed class Build(string configPath)
{
    /// <summary>The cluster every target means: the ksail.yaml, as a NUKE build would declare it once.</summary>
    private KSailClusterSettings Cluster => new KSailClusterSettings()
        .SetConfigPath(Path.GetFullPath(configPath))
        .SetWorkingDirectory(Path.GetDirectoryName(Path.GetFullPath(configPath)));

    /// <summary>Create, list the Ready nodes through the kubeconfig of the result, always tear down.</summary>
    public void IntegrationTests() => KSailWithCluster(Cluster, cluster => ListReadyNodes(cluster));

    /// <summary>Create the cluster (and keep it for the targets after this one).</summary>
    public void Up() => KSailClusterCreate(Cluster);

    /// <summary>Export the kubeconfig of the running cluster and list its Ready nodes.</summary>
    public void Nodes() => ListReadyNodes(KSailKubeconfig(Cluster));

    /// <summary>The cluster's node containers.</summary>
    public void Info()
    {
        var summary = KSailClusterInfo(Cluster) ?? throw new InvalidOperationException("The cluster does not exist.");
        Log.Information("Cluster {Cluster:l} ({Distribution:l}): {Nodes}", summary.Name, summary.Distribution, summary.Nodes.Select(n => n.Name));
    }

    /// <summary>Delete the cluster.</summary>
    public void Down() => KSailClusterDelete(Cluster);

    /// <summary>What a target runs against the cluster: here, the Ready nodes, read with the handle's kubeconfig and context.</summary>
    private static void ListReadyNodes(ClusterHandle cluster)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath, cluster.ContextName);
        using var client = new Kubernetes(config);
        var nodes = client.CoreV1.ListNode();
        var ready = nodes.Items
            .Where(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .Select(n => n.Metadata.Name)
            .ToList();
        Log.Information("Ready nodes of {Cluster:l}: {Count}/{Total}", cluster.Name, ready.Count, nodes.Items.Count);
        foreach (var node in ready)
        {
            // One line per node that a caller can read: "ready-node: <name>".
            Console.Out.WriteLine($"ready-node: {node}");
        }

        if (ready.Count == 0)
        {
            throw new InvalidOperationException($"No node of {cluster.Name} is Ready.");
        }
    }
}
