using k8s;
using Xunit;

namespace Example.Tests;

public class ClusterTests
{
    [Fact]
    public async Task Every_node_of_the_cluster_is_Ready()
    {
        // KSail.Build.Tasks put the cluster's kubeconfig into KUBECONFIG; BuildDefaultConfig reads it.
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(nodes.Items);
        foreach (var node in nodes.Items)
        {
            Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
            TestContext.Current.SendDiagnosticMessage($"{node.Metadata.Name} is Ready ({Environment.GetEnvironmentVariable("KSAIL_CONTEXT")})");
        }
    }
}
