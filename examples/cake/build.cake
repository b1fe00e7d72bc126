// An integration stage with a throw-away cluster: `dotnet cake` creates the cluster ksail.yaml
// declares, lists its Ready nodes with the kubeconfig the alias returns, and deletes the cluster
// again, also when the task fails.
#addin nuget:?package=KSail.Cake&version=0.1.0&loaddependencies=true

// KubernetesClient (using k8s) comes with the addin: loaddependencies=true loads the engine's libraries.
using k8s;

var target = Argument("target", "Default");

Task("Nodes")
    .Does(() => KSailWithCluster(new KSailClusterSettings().WithConfigFile("ksail.yaml"), async cluster =>
    {
        Information("Cluster {0}: context {1} at {2}", cluster.Name, cluster.Context, cluster.Endpoint);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath.FullPath, currentContext: cluster.Context);
        using var client = new Kubernetes(config);
        var nodes = await client.CoreV1.ListNodeAsync();
        foreach (var node in nodes.Items)
        {
            var ready = node.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True");
            Information("Node {0}: {1}", node.Metadata.Name, ready ? "Ready" : "NotReady");
        }

        if (!nodes.Items.Any(n => n.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True")))
        {
            throw new CakeException("no Ready node");
        }
    }));

Task("Default").IsDependentOn("Nodes");

RunTarget(target);
