using System.Text.Json;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// One Vanilla cluster (a control plane of the test bed's kind-compatible image) through the tools as
/// an assistant would use them: <c>cluster_write create</c> with progress, <c>cluster_read info</c>
/// and <c>list</c> see it, <c>cluster_write delete</c> removes it, and docker shows nothing left.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class McpClusterLifecycleTests : IAsyncLifetime
{
    // Steps of a Vanilla create, in the order it takes them (VanillaProvisioner).
    private static readonly string[] VanillaSteps = ["check images:", "create nodes:", "kubeadm init:", "export kubeconfig:", "wait for nodes:"];

    private McpClusterBed? bed;

    public async ValueTask InitializeAsync() => bed = await McpClusterBed.StartAsync("mcp");

    public async ValueTask DisposeAsync()
    {
        if (bed is not null)
        {
            await bed.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_with_progress_then_info_and_list_see_it_then_delete_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var mcp = bed!.Server;
        var name = bed.Name;
        var dir = bed.Directory;
        var kubeconfig = bed.Kubeconfig;

        // Given: no cluster of this name
        var before = await mcp.CallAsync("cluster_read", new Dictionary<string, object?> { ["command"] = "list" });
        Assert.True(before.IsError != true, mcp.Describe(before));
        Assert.DoesNotContain(ClusterNames(before), n => n == name);

        // When: create, asking for progress
        var progress = new ProgressNotifications();
        var create = await mcp.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "create" }, progress);

        // Then: the create's steps arrived as notifications, counted 1, 2, 3, ... (put in order by their
        // count, see InOrderAsync), in the order the create takes its steps, and the node was named in them
        Assert.True(create.IsError != true, $"{mcp.Describe(create)}\nprogress:\n{progress}");
        var notes = await progress.InOrderAsync(TimeSpan.FromSeconds(30), ct);
        Assert.True(notes.Count >= 8, $"{notes.Count} progress notifications:\n{progress}");
        Assert.True(notes.Select(n => n.Progress).SequenceEqual(Enumerable.Range(1, notes.Count).Select(i => (float)i)), $"progress is not a running count:\n{progress}");
        var steps = notes.Select(n => n.Message!).ToList();
        var order = VanillaSteps
            .Select(step => steps.FindIndex(m => m.StartsWith(step, StringComparison.Ordinal)))
            .ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), $"the steps are missing or out of order:\n{progress}");
        Assert.Contains(steps, m => m == $"create nodes: {name}-control-plane");

        // and the result names the cluster, its context and the kubeconfig it was written to
        var created = create.StructuredContent!.Value;
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal($"kind-{name}", created.GetProperty("context").GetString());
        Assert.Equal(kubeconfig, created.GetProperty("kubeconfig").GetString());
        Assert.Contains($"kind-{name}", File.ReadAllText(kubeconfig), StringComparison.Ordinal);
        Assert.Contains(name, McpServerProcess.Text(create), StringComparison.Ordinal);
        var readyz = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", kubeconfig, "--context", $"kind-{name}", "get", "--raw", "/readyz");
        Assert.Equal("ok", readyz.Trim());

        // info sees it running with its node, API and context, as 'cluster info --output json' describes it
        var info = await mcp.CallAsync("cluster_read", new Dictionary<string, object?> { ["command"] = "info" });
        Assert.True(info.IsError != true, mcp.Describe(info));
        var described = info.StructuredContent!.Value;
        Assert.Equal(name, described.GetProperty("name").GetString());
        Assert.Equal("Vanilla", described.GetProperty("distribution").GetString());
        Assert.True(described.GetProperty("running").GetBoolean(), mcp.Describe(info));
        Assert.Equal($"kind-{name}", described.GetProperty("context").GetString());
        Assert.StartsWith("https://127.0.0.1:", described.GetProperty("api").GetString(), StringComparison.Ordinal);
        Assert.Equal([$"{name}-control-plane"], described.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));

        // list sees it
        var list = await mcp.CallAsync("cluster_read", new Dictionary<string, object?> { ["command"] = "list" });
        Assert.Contains(ClusterNames(list), n => n == name);

        // No tool result carries the cluster's client key: kubeconfig without a file to write to is refused,
        // and with one the key goes to the file (mode 0600), not into the result
        var key = KubeconfigValue(kubeconfig, "client-key-data");
        var refused = await mcp.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "kubeconfig" });
        Assert.True(refused.IsError == true, mcp.Describe(refused));
        Assert.Contains("'output'", McpServerProcess.Text(refused), StringComparison.Ordinal);
        var exported = await mcp.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "kubeconfig", ["output"] = "exported" });
        Assert.True(exported.IsError != true, mcp.Describe(exported));
        Assert.Equal(key, KubeconfigValue(Path.Combine(dir.Path, "exported"), "client-key-data"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "exported")));
        }

        foreach (var result in new[] { create, info, list, refused, exported })
        {
            Assert.DoesNotContain(key, JsonSerializer.Serialize(result, ModelContextProtocol.McpJsonUtilities.DefaultOptions), StringComparison.Ordinal);
        }

        // When: delete
        var leftovers = new ClusterLeftovers(name);
        await leftovers.RememberVolumesAsync(ct);
        var delete = await mcp.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "delete" });

        // Then: nothing of it is left in Docker, nor its context in the kubeconfig
        Assert.True(delete.IsError != true, mcp.Describe(delete));
        Assert.Contains($"Deleted cluster '{name}'", McpServerProcess.Text(delete), StringComparison.Ordinal);
        Assert.NotEmpty(leftovers.Volumes);
        Assert.Equal(string.Empty, await leftovers.DescribeAsync(ct));
        Assert.DoesNotContain($"kind-{name}", File.ReadAllText(kubeconfig), StringComparison.Ordinal);
        var after = await mcp.CallAsync("cluster_read", new Dictionary<string, object?> { ["command"] = "list" });
        Assert.DoesNotContain(ClusterNames(after), n => n == name);
    }

    // The cluster names of a list result: 'cluster list --output json' is an array; structured content
    // is an object (MCP), so the server gives it as {"items": [...]}.
    private static List<string> ClusterNames(ModelContextProtocol.Protocol.CallToolResult list) =>
        list.StructuredContent!.Value.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();

    private static string KubeconfigValue(string kubeconfig, string key) =>
        File.ReadAllLines(kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();
}
