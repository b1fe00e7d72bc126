using KSail.Core.Lifecycle;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Nuke.Tests;

/// <summary>
/// A throw-away ksail.yaml in a scratch folder: a one-server K3s cluster of a unique name on the test
/// bed's node image (through the real <c>image:</c> setting of k3d.yaml), whose kubeconfig is a file
/// in the folder. Disposing deletes whatever a failed test left of the cluster.
/// </summary>
public sealed class ThrowAwayCluster : IAsyncDisposable
{
    private readonly ScratchDirectory dir = new();

    private ThrowAwayCluster(string name) => Name = name;

    /// <summary>The cluster name (unique per test).</summary>
    public string Name { get; }

    /// <summary>The scratch folder that holds ksail.yaml and k3d.yaml.</summary>
    public string Folder => dir.Path;

    /// <summary>The ksail.yaml.</summary>
    public string ConfigPath => Path.Combine(dir.Path, "ksail.yaml");

    /// <summary>The kubeconfig ksail.yaml declares.</summary>
    public string KubeconfigPath => Path.Combine(dir.Path, "kubeconfig");

    /// <summary>The settings a NUKE build would declare for this cluster.</summary>
    public KSailClusterSettings Settings => new KSailClusterSettings().SetConfigPath(ConfigPath).SetWorkingDirectory(Folder);

    /// <summary>Writes the declaration; <paramref name="clusterTail"/> is added under <c>spec.cluster</c>.</summary>
    public static async Task<ThrowAwayCluster> CreateAsync(string clusterTail = "")
    {
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        var cluster = new ThrowAwayCluster($"nk-{Guid.NewGuid().ToString("N")[..6]}");
        cluster.dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        cluster.dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {cluster.Name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    connection:\n      kubeconfig: kubeconfig\n{clusterTail}");
        return cluster;
    }

    /// <summary>Docker resources still labelled for the cluster (containers, networks, volumes), by name.</summary>
    public async Task<string> LeftoversAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var found = new List<string>();
        foreach (var label in new[] { $"io.ksail.cluster={Name}", $"k3d.cluster={Name}" })
        {
            found.Add(await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "container {{.Names}}", "--filter", $"label={label}"));
            found.Add(await ClusterChecks.RunAsync("docker", ct, "network", "ls", "--format", "network {{.Name}}", "--filter", $"label={label}"));
            found.Add(await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "--format", "volume {{.Name}}", "--filter", $"label={label}"));
        }

        return string.Join(' ', found.SelectMany(f => f.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Whether the declared kubeconfig still has a context for the cluster.</summary>
    public bool KubeconfigHasContext() =>
        File.Exists(KubeconfigPath) && File.ReadAllText(KubeconfigPath).Contains($"k3d-{Name}", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        // The safety net: whatever a failed test left behind.
        await ClusterOperations.DeleteAsync(Name, KubeconfigPath, ct: CancellationToken.None);
        dir.Dispose();
    }
}
