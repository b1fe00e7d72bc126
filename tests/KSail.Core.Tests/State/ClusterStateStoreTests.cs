using KSail.Core.Distributions.K3s;
using KSail.Core.Configuration.Model;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.State;

public sealed class ClusterStateStoreTests
{
    [Fact]
    public void The_desired_spec_is_persisted_atomically_without_its_secrets()
    {
        // Given k3d's full example, which carries a token and a registry proxy password
        using var dir = new ScratchDirectory();
        dir.CopyUpstream("k3d/full-featured.yaml", "k3d.yaml");
        dir.Write("ns-baz.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baz\n"); // k3d's example copies it into nodes (files)
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: K3s\n"));
        var store = new ClusterStateStore(Path.Combine(dir.Path, "state"));
        var created = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        // When
        store.Save(cluster, created);

        // Then
        var text = File.ReadAllText(store.PathOf("mycluster"));
        Assert.DoesNotContain("superSecretToken", text, StringComparison.Ordinal);
        Assert.Contains(ClusterStateStore.Redacted, text, StringComparison.Ordinal);
        Assert.Equal("superSecretToken", cluster.Native<K3dSimpleConfig>().Token); // the definition in memory keeps it
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathOf("mycluster")));
        }

        var loaded = store.Load("mycluster")!;
        Assert.Equal(("mycluster", Distribution.K3s, created), (loaded.Name, loaded.Distribution, loaded.CreatedAt));
        Assert.Equal(2, loaded.Native!["agents"]!.GetValue<int>());
        Assert.Equal("rancher/k3s:v1.35.2-k3s1", loaded.Native["image"]!.GetValue<string>());
        Assert.Equal(ClusterStateStore.Redacted, loaded.Native["token"]!.GetValue<string>());

        store.Delete("mycluster");
        Assert.Null(store.Load("mycluster"));
    }
}
