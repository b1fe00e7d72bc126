using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// A folder declaring a one-node Vanilla cluster of a unique name on the test bed's kind-compatible
/// image (kubeconfig ./kubeconfig), and <c>ksail open mcp</c> started in it. Disposing deletes the
/// cluster whatever a test left, as the command line deletes it.
/// </summary>
internal sealed class McpClusterBed : IAsyncDisposable
{
    private McpClusterBed(ScratchDirectory directory, string name, McpServerProcess server)
    {
        Directory = directory;
        Name = name;
        Server = server;
    }

    /// <summary>The folder: ksail.yaml, kind.yaml, and the kubeconfig once created.</summary>
    public ScratchDirectory Directory { get; }

    /// <summary>The cluster's name.</summary>
    public string Name { get; }

    /// <summary>The server, working in <see cref="Directory"/>.</summary>
    public McpServerProcess Server { get; }

    /// <summary>The kubeconfig ksail.yaml names.</summary>
    public string Kubeconfig => Path.Combine(Directory.Path, "kubeconfig");

    /// <summary>Writes the declaration of a cluster named <paramref name="prefix"/>-(random) and starts the server.</summary>
    public static async Task<McpClusterBed> StartAsync(string prefix)
    {
        DockerAvailability.Require();
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var directory = new ScratchDirectory();
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["kind-node"];
        directory.Write("kind.yaml", $"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: {image}\n");
        directory.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    connection:\n      kubeconfig: ./kubeconfig\n");
        return new McpClusterBed(directory, name, await McpServerProcess.StartAsync(directory.Path));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Ksail.RunAsync(Directory.Path, "cluster", "delete");
        Directory.Dispose();
    }
}
