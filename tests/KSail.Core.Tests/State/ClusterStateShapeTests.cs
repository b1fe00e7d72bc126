using System.Text.Json.Nodes;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.State;

/// <summary>
/// The saved spec (<c>~/.ksail/clusters/&lt;name&gt;/spec.json</c>) and its hash outlive the version
/// that wrote them: a later version reads them for <c>cluster update</c>, and a test run reuses a
/// cluster only when the hash of its declaration is the saved one. These pin both to what
/// KSail.NET wrote before the distributions kept their native configs in their own folders
/// (hashes computed by main at 4d32fb5), so a refactoring cannot change them unnoticed.
/// </summary>
public sealed class ClusterStateShapeTests
{
    [Theory]
    [InlineData("K3s", "k3d/full-featured.yaml", "k3d.yaml", "k3d", "9e47dda06f55dbb98f328061609745199f14c6333013e473fee8c24d3f8c5970")]
    [InlineData("Vanilla", "kind/multi-node-ha.yaml", "kind.yaml", "kind", "9a2485e33d6f48f1bb527bcf9b43c874479067aedae373c17622c62f7108b786")]
    [InlineData("Vanilla", "kind/kubeadm-config-patches.yaml", "kind.yaml", "kind", "c89894d2eb4611e2eb28b4d673aaebb52b7c610fac95b745cb6bd722350fc77d")]
    public void The_saved_spec_keeps_its_fields_and_its_hash(string distribution, string upstream, string file, string nativeKey, string hash)
    {
        // Given an upstream native config under a minimal ksail.yaml
        using var dir = new ScratchDirectory();
        dir.CopyUpstream(upstream, file);
        dir.Write("ns-baz.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baz\n"); // k3d's example copies it into nodes (files)
        var cluster = Declarations.Load(dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: {distribution}\n"));
        var store = new ClusterStateStore(Path.Combine(dir.Path, "state"));

        // When its spec is saved
        store.Save(cluster, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

        // Then the file has the fields it always had, the native config under the tool's name, and the same hash
        var saved = JsonNode.Parse(File.ReadAllText(store.PathOf(cluster.Name)))!.AsObject();
        Assert.Equal(
            new[] { "createdAt", "declared", "distribution", "name", nativeKey, "specHash" }.Order(StringComparer.Ordinal),
            saved.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(distribution, saved["distribution"]!.GetValue<string>());
        Assert.Equal(hash, ClusterStateStore.HashOf(cluster));
        Assert.Equal(hash, saved["specHash"]!.GetValue<string>());
    }
}
