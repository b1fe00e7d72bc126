using KSail.Core.Configuration.Model;
using KSail.Core.Labels;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Providers;

/// <summary>What the lifecycle relies on from every provider of <see cref="ProviderFactory.All"/>: nodes found and removed by their labels.</summary>
[Trait("Requires", "Docker")]
public sealed class ProviderContractTests
{
    public static TheoryData<Provider> Providers => new(ProviderFactory.All);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Nodes_are_listed_and_removed_by_their_labels(Provider id)
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var cluster = $"pc-{Guid.NewGuid().ToString("N")[..8]}";
        var test = new Dictionary<string, string> { ["io.ksail.test"] = "true" };
        using var provider = await ProviderFactory.Default.ConnectAsync(id, ct: ct);
        IProvider nodes = provider;
        try
        {
            Assert.Equal(id, provider.Id);
            await provider.EnsureNetworkAsync(cluster, ResourceLabels.For(cluster, "network", test), ct);
            foreach (var role in new[] { "server", "agent" })
            {
                await provider.RunAsync(
                    new ContainerSpec
                    {
                        Name = $"{cluster}-{role}",
                        Image = await TestImages.ShellAsync(ct),
                        Network = cluster,
                        Labels = ResourceLabels.For(cluster, role, test),
                        Entrypoint = ["/bin/sh", "-c", "exec sleep 300"],
                    },
                    ct);
            }

            var ofCluster = new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster };
            var all = await nodes.ListAsync(ofCluster, ct);
            var agents = await nodes.ListAsync(new Dictionary<string, string> { [ResourceLabels.Cluster] = cluster, [ResourceLabels.Role] = "agent" }, ct);
            var anyOf = await nodes.ListAnyAsync([new(ResourceLabels.Cluster, cluster), new(ResourceLabels.Cluster, $"{cluster}-other")], ct);

            Assert.Equal([$"{cluster}-agent", $"{cluster}-server"], all.Select(n => n.Name));
            Assert.Equal($"{cluster}-agent", Assert.Single(agents).Name);
            Assert.Equal(all.Select(n => n.Id), anyOf.Select(n => n.Id));
            Assert.All(all, n => Assert.Equal(cluster, n.Labels[ResourceLabels.Cluster]));

            var removed = await nodes.RemoveAsync(ofCluster, ct);

            Assert.Equal([$"{cluster}-agent", $"{cluster}-server"], removed.Containers.Order(StringComparer.Ordinal));
            Assert.Equal([cluster], removed.Networks);
            Assert.Empty(await nodes.ListAsync(ofCluster, ct));
            Assert.Empty(await nodes.ListAnyAsync([new(ResourceLabels.Cluster, cluster)], ct));
        }
        finally
        {
            await nodes.RemoveAnyAsync([new(ResourceLabels.Cluster, cluster)], CancellationToken.None);
        }
    }
}
