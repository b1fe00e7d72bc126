using System.Diagnostics;
using k8s;
using k8s.Models;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

[Trait("Requires", "Docker")]
public sealed class ControlPlaneTests(ControlPlane controlPlane) : IAsyncLifetime
{
    private readonly string ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";

    public async ValueTask InitializeAsync()
    {
        await controlPlane.StartAsync();
        await controlPlane.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (controlPlane.Client is { } client)
        {
            await client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_machines_kubectl_lists_namespaces_through_the_fixtures_kubeconfig()
    {
        // When
        var start = new ProcessStartInfo("kubectl", ["--kubeconfig", controlPlane.KubeconfigPath, "get", "namespaces", "-o", "name"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start)!;
        var output = await kubectl.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await kubectl.WaitForExitAsync(TestContext.Current.CancellationToken);

        // Then
        Assert.Equal(0, kubectl.ExitCode);
        Assert.Contains("namespace/default", output, StringComparison.Ordinal);
        Assert.Contains("namespace/kube-system", output, StringComparison.Ordinal);
        Assert.Contains($"namespace/{ns}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Deployment_gets_a_ReplicaSet_from_the_real_controller_manager()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = controlPlane.Client;
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        var deployment = await client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 1,
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "ksail-testbed/never-pulled:1" }] },
                    },
                },
            },
            ns,
            cancellationToken: ct);

        // Watch, do not poll: the ReplicaSet is seen as soon as the controller-manager makes it.
        var replicaSet = await Watch.FirstAsync<V1ReplicaSet, V1ReplicaSetList>(
            client.AppsV1.ListNamespacedReplicaSetWithHttpMessagesAsync(ns, watch: true, cancellationToken: ct),
            rs => rs.Metadata.OwnerReferences?.Any(o => o.Uid == deployment.Metadata.Uid) == true,
            TimeSpan.FromSeconds(60),
            ct);

        Assert.StartsWith("web-", replicaSet.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(1, replicaSet.Spec.Replicas);
    }
}
