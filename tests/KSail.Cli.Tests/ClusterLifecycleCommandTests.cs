using System.Diagnostics;
using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>The cluster commands end to end on real nodes (the test bed's kind-compatible image).</summary>
[Trait("Requires", "Docker")]
public sealed class ClusterLifecycleCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"c-{Guid.NewGuid().ToString("N")[..6]}";

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
    public async Task Create_info_list_kubeconfig_stop_start_and_delete_work_on_a_real_cluster()
    {
        var ct = TestContext.Current.CancellationToken;

        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);
        Assert.Contains($"Cluster '{name}' is up: context kind-{name}", create.Output, StringComparison.Ordinal);
        Assert.Contains($"kind-{name}", File.ReadAllText(Path.Combine(dir.Path, "kubeconfig")), StringComparison.Ordinal);

        // create returns only once the cluster is stable: the check ran, and the node is Ready at once
        Assert.Contains("• stability check: the cluster is stable", create.Error, StringComparison.Ordinal);
        var ready = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", Path.Combine(dir.Path, "kubeconfig"), "get", "nodes", "-o", "jsonpath={.items[*].status.conditions[?(@.type==\"Ready\")].status}");
        Assert.Equal("True", ready.Trim());

        var info = await Ksail.RunAsync(dir.Path, "cluster", "info");
        Assert.Equal(ExitCodes.Success, info.ExitCode);
        Assert.Contains($"{name}-control-plane  running", info.Output, StringComparison.Ordinal);
        Assert.Contains("API https://127.0.0.1:", info.Output, StringComparison.Ordinal);
        Assert.Contains("components: none installed by KSail.NET or Helm", info.Output, StringComparison.Ordinal);

        var list = await Ksail.RunAsync(dir.Path, "cluster", "list");
        Assert.Contains(name, list.Output, StringComparison.Ordinal);

        var export = await Ksail.RunAsync(dir.Path, "cluster", "kubeconfig", "--output", "exported");
        Assert.Equal(ExitCodes.Success, export.ExitCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "exported")));
        }

        using var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["--kubeconfig", Path.Combine(dir.Path, "exported"), "get", "nodes", "-o", "name"]) { RedirectStandardOutput = true })!;
        var nodes = await kubectl.StandardOutput.ReadToEndAsync(ct);
        await kubectl.WaitForExitAsync(ct);
        Assert.Equal($"node/{name}-control-plane", nodes.Trim());

        // Stopped and started again, the node keeps the API port picked at create, so the kubeconfig
        // written at create reaches the API as it is (FIDELITY S1)
        Assert.Equal(ExitCodes.Success, (await Ksail.RunAsync(dir.Path, "cluster", "stop")).ExitCode);
        var start = await Ksail.RunAsync(dir.Path, "cluster", "start");
        Assert.True(start.ExitCode == ExitCodes.Success, start.Error);
        var waited = await Ksail.RunAsync(dir.Path, "cluster", "wait");
        Assert.True(waited.ExitCode == ExitCodes.Success, waited.Error);
        var readyz = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", Path.Combine(dir.Path, "kubeconfig"), "get", "--raw", "/readyz");
        Assert.Equal("ok", readyz.Trim());

        var delete = await Ksail.RunAsync(dir.Path, "cluster", "delete");
        Assert.Equal(ExitCodes.Success, delete.ExitCode);
        Assert.Contains($"Deleted cluster '{name}'", delete.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"kind-{name}", File.ReadAllText(Path.Combine(dir.Path, "kubeconfig")), StringComparison.Ordinal);
        Assert.DoesNotContain(name, (await Ksail.RunAsync(dir.Path, "cluster", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_create_of_the_same_name_is_refused_reused_or_recreated_as_asked()
    {
        // A K3s cluster (the stand-in server is up in seconds), of the same name as the kind one the other test uses
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        dir.Write("ksail.yaml", File.ReadAllText(Path.Combine(dir.Path, "ksail.yaml")).Replace("  cluster:\n", "  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n", StringComparison.Ordinal));
        var first = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        var server = $"k3d-{name}-server-0";
        var firstId = await ContainerIdAsync(server);

        // Refused by default: exit 5, the existing nodes named, the cluster untouched
        var refused = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.Equal(ExitCodes.ProvisioningFailed, refused.ExitCode);
        Assert.Contains($"a cluster named '{name}' exists already (nodes {server})", refused.Error, StringComparison.Ordinal);
        Assert.Equal(firstId, await ContainerIdAsync(server));

        // Reused: the same node, started again after a stop, and its context written back
        Assert.Equal(ExitCodes.Success, (await Ksail.RunAsync(dir.Path, "cluster", "stop")).ExitCode);
        File.Delete(Path.Combine(dir.Path, "kubeconfig"));
        var reused = await Ksail.RunAsync(dir.Path, "cluster", "create", "--if-exists", "reuse", "--output", "json");
        Assert.True(reused.ExitCode == ExitCodes.Success, reused.Error);
        Assert.Equal(firstId, await ContainerIdAsync(server));

        // --output json (what the MCP server returns): the cluster as one document, its kubeconfig as the file's path
        using (var created = System.Text.Json.JsonDocument.Parse(reused.Output))
        {
            Assert.Equal(name, created.RootElement.GetProperty("name").GetString());
            Assert.Equal($"k3d-{name}", created.RootElement.GetProperty("context").GetString());
            Assert.Equal(Path.Combine(dir.Path, "kubeconfig"), created.RootElement.GetProperty("kubeconfig").GetString());
            Assert.StartsWith("https://", created.RootElement.GetProperty("api").GetString(), StringComparison.Ordinal);
        }

        var info = await Ksail.RunAsync(dir.Path, "cluster", "info");
        Assert.True(info.ExitCode == ExitCodes.Success, info.Error);
        Assert.Contains($"{server}  running", info.Output, StringComparison.Ordinal);
        Assert.Contains($"k3d-{name}", File.ReadAllText(Path.Combine(dir.Path, "kubeconfig")), StringComparison.Ordinal);

        // Recreated: a new node of the same name
        var recreated = await Ksail.RunAsync(dir.Path, "cluster", "create", "--if-exists", "recreate");
        Assert.True(recreated.ExitCode == ExitCodes.Success, recreated.Error);
        var secondId = await ContainerIdAsync(server);
        Assert.NotEqual(firstId, secondId);
        Assert.NotEmpty(secondId);
    }

    [Fact]
    public async Task Reuse_of_a_cluster_of_another_distribution_is_refused()
    {
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        var kindDeclaration = File.ReadAllText(Path.Combine(dir.Path, "ksail.yaml"));
        dir.Write("ksail.yaml", kindDeclaration.Replace("  cluster:\n", "  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n", StringComparison.Ordinal));
        var first = await Ksail.RunAsync(dir.Path, "cluster", "create");
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);

        // The same name, now declared as a kind cluster
        dir.Write("ksail.yaml", kindDeclaration);
        var reused = await Ksail.RunAsync(dir.Path, "cluster", "create", "--if-exists", "reuse");

        Assert.Equal(ExitCodes.ProvisioningFailed, reused.ExitCode);
        Assert.Contains($"a K3s cluster named '{name}' exists, but ksail.yaml declares a Vanilla cluster", reused.Error, StringComparison.Ordinal);
        Assert.Contains($"k3d-{name}-server-0  running", (await Ksail.RunAsync(dir.Path, "cluster", "info")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_never_becomes_stable_exits_6_with_a_diagnosis_and_is_deleted()
    {
        // Given: a K3s server whose only node is tainted NoSchedule, so no node can take Pods, and a short stability limit
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n  k3s:\n    extraArgs:\n      - arg: --node-taint=dedicated=ksail-test:NoSchedule\n        nodeFilters:\n          - server:*\n");
        dir.Write("ksail.yaml", File.ReadAllText(Path.Combine(dir.Path, "ksail.yaml")).Replace("  cluster:\n", "  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    timeouts:\n      stability: 20s\n", StringComparison.Ordinal));

        // When
        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");

        // Then: exit 6, the waiting step and the node named, and nothing left
        Assert.Equal(ExitCodes.ReadinessTimedOut, create.ExitCode);
        Assert.Contains("wait for nodes", create.Error, StringComparison.Ordinal);
        Assert.Contains($"k3d-{name}-server-0", create.Error, StringComparison.Ordinal);
        Assert.Empty((await ClusterChecks.RunAsync("docker", TestContext.Current.CancellationToken, "ps", "-aq", "--filter", $"label=k3d.cluster={name}")).Trim());
        Assert.DoesNotContain($"k3d-{name}", File.ReadAllText(Path.Combine(dir.Path, "kubeconfig")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_cluster_without_its_default_CNI_is_created_for_the_user_to_bring_their_own_and_says_so()
    {
        // Given: kind.yaml turns kind's CNI off and ksail.yaml keeps spec.cluster.cni: Default, as projects that install Cilium or Calico themselves do
        var ct = TestContext.Current.CancellationToken;
        var image = (await TestImages.GetAsync(ct))["kind-node"];
        dir.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\nnodes:\n  - role: control-plane\n    image: {image}\n");

        // When
        var create = await Ksail.RunAsync(dir.Path, "cluster", "create");

        // Then: created, the plan and the check say there is no CNI, and the node waits for one
        Assert.True(create.ExitCode == ExitCodes.Success, create.Error);
        Assert.Contains("No CNI: networking.disableDefaultCNI: true turns the distribution's own CNI off; install yours once the cluster is up.", create.Output, StringComparison.Ordinal);
        Assert.Contains("the cluster is stable as far as it can be without a CNI", create.Error, StringComparison.Ordinal);
        Assert.Contains($"Cluster '{name}' is up: context kind-{name}", create.Output, StringComparison.Ordinal);
        var ready = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", Path.Combine(dir.Path, "kubeconfig"), "get", "nodes", "-o", "jsonpath={.items[*].status.conditions[?(@.type==\"Ready\")].message}");
        Assert.Contains("NetworkReady=false", ready, StringComparison.Ordinal);
        var kindnet = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", Path.Combine(dir.Path, "kubeconfig"), "get", "daemonsets", "-n", "kube-system", "-o", "name");
        Assert.DoesNotContain("kindnet", kindnet, StringComparison.Ordinal);
    }

    private static async Task<string> ContainerIdAsync(string container)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", ["inspect", "--format", "{{.Id}}", container]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var id = await docker.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await docker.WaitForExitAsync(TestContext.Current.CancellationToken);
        return id.Trim();
    }
}
