using System.Text.Json;
using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// <c>cluster list/info --output json</c> and <c>cluster diagnose</c> on one real cluster (the test
/// bed's kind-compatible node): healthy, with a broken DaemonSet, and stopped.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ClusterReportCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"r-{Guid.NewGuid().ToString("N")[..6]}";

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {image}\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    connection:\n      kubeconfig: ./kubeconfig\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Ksail.RunAsync(dir.Path, "cluster", "delete");
        dir.Dispose();
    }

    [Fact]
    public async Task List_and_info_as_json_and_diagnose_healthy_broken_and_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var help = await Ksail.RunAsync(dir.Path, "cluster", "diagnose", "--help");
        Assert.Equal(ExitCodes.Success, help.ExitCode);
        Assert.Contains("Show what is unhealthy", help.Output, StringComparison.Ordinal);
        Assert.Contains("--output", help.Output, StringComparison.Ordinal);

        // No such cluster yet: exit 5, named
        var missing = await Ksail.RunAsync(dir.Path, "cluster", "diagnose");
        Assert.Equal(ExitCodes.ProvisioningFailed, missing.ExitCode);
        Assert.Contains($"no cluster named '{name}' exists", missing.Error, StringComparison.Ordinal);

        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);
        var node = $"{name}-control-plane";

        // list --output json: an array with this cluster and its node
        var list = await Ksail.RunProcessAsync(dir.Path, "cluster", "list", "--output", "json");
        Assert.True(list.ExitCode == ExitCodes.Success, list.Error);
        using (var clusters = JsonDocument.Parse(list.Output))
        {
            var mine = clusters.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
            Assert.Equal("Vanilla", mine.GetProperty("distribution").GetString());
            var nodes = mine.GetProperty("nodes").EnumerateArray().ToList();
            Assert.Equal(node, Assert.Single(nodes).GetProperty("name").GetString());
            Assert.Equal("running", nodes[0].GetProperty("state").GetString());
        }

        // info --output json: nodes, API endpoint, context, components
        var info = await Ksail.RunProcessAsync(dir.Path, "cluster", "info", "-o", "json");
        Assert.True(info.ExitCode == ExitCodes.Success, info.Error);
        using (var document = JsonDocument.Parse(info.Output))
        {
            var root = document.RootElement;
            Assert.Equal(name, root.GetProperty("name").GetString());
            Assert.True(root.GetProperty("running").GetBoolean());
            Assert.StartsWith("https://127.0.0.1:", root.GetProperty("api").GetString(), StringComparison.Ordinal);
            Assert.Equal($"kind-{name}", root.GetProperty("context").GetString());
            Assert.Equal(JsonValueKind.Array, root.GetProperty("components").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("registry").ValueKind); // no local registry declared
            Assert.Equal(node, root.GetProperty("nodes")[0].GetProperty("name").GetString());
        }

        // The test bed's nodes cannot pull images (no registry here), so CoreDNS never runs: diagnose says so (exit 6)
        var kubeconfig = Path.Combine(dir.Path, "kubeconfig");
        var noDns = await DiagnoseUntilAsync(r => r.Output.Contains("; container coredns waiting: ", StringComparison.Ordinal));
        Assert.True(noDns.ExitCode == ExitCodes.ReadinessTimedOut, noDns.Output + noDns.Error);
        Assert.Contains("; container coredns waiting: ", noDns.Output, StringComparison.Ordinal);

        // Without CoreDNS (scaled to zero) the cluster is healthy: exit 0, the node Ready, and the same as JSON
        await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", kubeconfig, "-n", "kube-system", "scale", "deployment", "coredns", "--replicas=0");
        var healthy = await DiagnoseUntilAsync(r => r.ExitCode == ExitCodes.Success);
        Assert.True(healthy.ExitCode == ExitCodes.Success, healthy.Output + healthy.Error);
        Assert.Contains($"cluster {name}: healthy", healthy.Output, StringComparison.Ordinal);
        Assert.Contains($"  {node}  Ready", healthy.Output, StringComparison.Ordinal);
        // (a static Pod's mirror can show Pending for a moment while the kubelet re-posts its status: a real, short-lived problem)
        var healthyJson = await DiagnoseUntilAsync(r => r.ExitCode == ExitCodes.Success, "--output", "json");
        Assert.True(healthyJson.ExitCode == ExitCodes.Success, healthyJson.Output);
        using (var document = JsonDocument.Parse(healthyJson.Output))
        {
            Assert.True(document.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Equal(0, document.RootElement.GetProperty("problems").GetArrayLength());
            Assert.True(document.RootElement.GetProperty("nodes")[0].GetProperty("ready").GetBoolean());
        }

        // A DaemonSet whose image is not on the node: exit 6, the DaemonSet and its Pod named
        dir.Write("broken.yaml", """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: broken-agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: broken-agent}}
              template:
                metadata: {labels: {app: broken-agent}}
                spec:
                  tolerations: [{operator: Exists}]
                  containers:
                    - {name: agent, image: "ksail.test/not-on-the-node:1", imagePullPolicy: Never}
            """);
        await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", kubeconfig, "apply", "-f", Path.Combine(dir.Path, "broken.yaml"));
        // The Pod's container shows ContainerCreating between the kubelet's tries, while the events already
        // name ErrImageNeverPull: wait for the Pod's own line to name it.
        var podLine = @"  Pod kube-system/broken-agent-[a-z0-9]+: phase Pending, not Ready on " + node + "; container agent waiting: ErrImageNeverPull";
        var broken = await DiagnoseUntilAsync(r => System.Text.RegularExpressions.Regex.IsMatch(r.Output, podLine));
        Assert.True(broken.ExitCode == ExitCodes.ReadinessTimedOut, broken.Output + broken.Error);
        Assert.Contains("  DaemonSet kube-system/broken-agent: 0/1 Pods ready", broken.Output, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(broken.Output, podLine), broken.Output);
        var brokenJson = await Ksail.RunProcessAsync(dir.Path, "cluster", "diagnose", "-o", "json");
        Assert.Equal(ExitCodes.ReadinessTimedOut, brokenJson.ExitCode);
        using (var document = JsonDocument.Parse(brokenJson.Output))
        {
            Assert.False(document.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Contains(document.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == "DaemonSet" && p.GetProperty("name").GetString() == "broken-agent");
        }

        // Stopped: exit 5, the node container named
        Assert.Equal(ExitCodes.Success, (await Ksail.RunAsync(dir.Path, "cluster", "stop")).ExitCode);
        var stopped = await Ksail.RunProcessAsync(dir.Path, "cluster", "diagnose");
        Assert.True(stopped.ExitCode == ExitCodes.ProvisioningFailed, stopped.Output + stopped.Error);
        Assert.Contains($"  NodeContainer {node}: container is exited; start it with 'ksail cluster start'", stopped.Output, StringComparison.Ordinal);
        var stoppedInfo = await Ksail.RunProcessAsync(dir.Path, "cluster", "info", "--output", "json");
        using (var document = JsonDocument.Parse(stoppedInfo.Output))
        {
            Assert.False(document.RootElement.GetProperty("running").GetBoolean());
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("api").ValueKind);
        }
    }

    // Runs diagnose until its answer satisfies done (controllers need a moment to act), at most 90 s.
    private async Task<KsailRun> DiagnoseUntilAsync(Func<KsailRun, bool> done, params string[] options)
    {
        var ct = TestContext.Current.CancellationToken;
        KsailRun run;
        var attempts = 0;
        while (!done(run = await Ksail.RunProcessAsync(dir.Path, ["cluster", "diagnose", .. options])) && ++attempts < 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }

        return run;
    }
}
