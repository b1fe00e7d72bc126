using System.Diagnostics;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// A <c>cluster_write create</c> whose call is cancelled (the SDK sends <c>notifications/cancelled</c>)
/// once its node is up (kubeadm init has begun): the server cancels the command as Ctrl+C does, the create removes
/// what it made, and the server goes on serving. The server stays up throughout, so the clean-up seen
/// is the create's own, not the reaper's (which acts only when the creating process dies).
/// </summary>
[Trait("Requires", "Docker")]
public sealed class McpCancelledCreateTests : IAsyncLifetime
{
    private McpClusterBed? bed;

    public async ValueTask InitializeAsync() => bed = await McpClusterBed.StartAsync("mcpx");

    public async ValueTask DisposeAsync()
    {
        if (bed is not null)
        {
            await bed.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_create_cancelled_after_its_node_exists_leaves_no_container_network_or_volume()
    {
        var ct = TestContext.Current.CancellationToken;
        var mcp = bed!.Server;
        var name = bed.Name;
        var leftovers = new ClusterLeftovers(name);
        var progress = new ProgressNotifications();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Given: a create under way, its progress arriving, and its node made and booted: the create has
        // reported kubeadm init (creating the node may replace a first container where the host cannot
        // grant --privileged, so the node is looked at once that step has begun)
        var call = mcp.CallAsync("cluster_write", new Dictionary<string, object?> { ["command"] = "create" }, progress, cancel.Token);
        while (!progress.Received.Any(n => n.Message!.StartsWith("kubeadm init:", StringComparison.Ordinal)))
        {
            var next = progress.WaitForNextAsync(ct);
            if (await Task.WhenAny(call, next) == call)
            {
                Assert.Fail($"the create ended before kubeadm init:\n{mcp.Describe(await call)}\nprogress:\n{progress}");
            }
        }

        Assert.Equal([$"{name}-control-plane"], await leftovers.ContainersAsync(ct));
        await leftovers.RememberVolumesAsync(ct);

        // When: the call is cancelled
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // Then: the create removes its node and the node's volumes (the call's answer is dropped, as
        // MCP wants for a cancelled request, so the test watches docker until nothing is left)
        Assert.NotEmpty(leftovers.Volumes);
        var clock = Stopwatch.StartNew();
        var left = await leftovers.DescribeAsync(ct);
        while (left.Length > 0 && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            left = await leftovers.DescribeAsync(ct);
        }

        Assert.True(left.Length == 0, $"left after the cancelled create:\n{left}\nprogress:\n{progress}\nserver stderr:\n{mcp.StandardError}");

        // and the server still serves: the cluster is not listed, and its context was not left in the kubeconfig
        var list = await mcp.CallAsync("cluster_read", new Dictionary<string, object?> { ["command"] = "list" });
        Assert.True(list.IsError != true, mcp.Describe(list));
        Assert.DoesNotContain(name, McpServerProcess.Text(list) + list.StructuredContent, StringComparison.Ordinal);
        var kubeconfig = bed.Kubeconfig;
        Assert.False(File.Exists(kubeconfig) && File.ReadAllText(kubeconfig).Contains($"kind-{name}", StringComparison.Ordinal), "the cancelled create left its context in the kubeconfig");
    }
}
