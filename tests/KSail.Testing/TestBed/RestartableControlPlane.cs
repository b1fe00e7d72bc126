using System.Net;
using System.Net.Sockets;
using k8s;

namespace KSail.Testing.TestBed;

/// <summary>
/// A control plane of the test bed's image (<c>testbed.sh images</c>, line <c>control-plane=</c>)
/// in its own container, published on a fixed 127.0.0.1 port so that it can be stopped and started
/// again under the same address (a port Docker picks changes on restart). etcd is on a tmpfs, so a
/// restart starts from an empty store with the same PKI. Removed on dispose.
/// </summary>
public sealed class RestartableControlPlane : IAsyncDisposable
{
    private readonly ScratchDirectory scratch = new();
    private Kubernetes? client;

    private RestartableControlPlane(string container, int port)
    {
        Container = container;
        Port = port;
    }

    /// <summary>The container's name (labelled io.ksail.test=true).</summary>
    public string Container { get; }

    /// <summary>The API server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The admin kubeconfig.</summary>
    public string KubeconfigPath => Path.Combine(scratch.Path, "kubeconfig");

    /// <summary>A client with admin rights.</summary>
    public IKubernetes Client => client ?? throw new ObjectDisposedException(nameof(RestartableControlPlane));

    /// <summary>Starts the container and writes its kubeconfig; the API server may still be starting when this returns.</summary>
    public static async Task<RestartableControlPlane> StartAsync(CancellationToken ct)
    {
        DockerAvailability.Require();
        var images = await TestBedScript.RunAsync(ct, "images").ConfigureAwait(false);
        var port = FreePort();
        var plane = new RestartableControlPlane($"ksail-test-rcp-{Guid.NewGuid().ToString("N")[..8]}", port);
        try
        {
            await ClusterChecks.RunAsync(
                "docker", ct, "run", "-d", "--name", plane.Container, "--hostname", plane.Container,
                "--label", "io.ksail.testbed=true", "--label", "io.ksail.test=true", "--label", "io.ksail.testbed.role=control-plane",
                "--tmpfs", "/var/lib/etcd:rw,size=1g,mode=0700",
                "-p", $"127.0.0.1:{port}:6443", images["control-plane"]).ConfigureAwait(false);
            // The entry point writes the PKI and admin.conf as it starts (kept across restarts).
            var admin = await ClusterChecks.RunAsync(
                "docker", ct, "exec", plane.Container, "sh", "-c",
                "for i in $(seq 600); do [ -s /etc/kubernetes/admin.conf ] && exec cat /etc/kubernetes/admin.conf; sleep 0.05; done; exit 1").ConfigureAwait(false);
            await File.WriteAllTextAsync(plane.KubeconfigPath, admin.Replace("server: https://127.0.0.1:6443", $"server: https://127.0.0.1:{port}", StringComparison.Ordinal), ct).ConfigureAwait(false);
            plane.client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.KubeconfigPath));
            return plane;
        }
        catch
        {
            await plane.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the container (<c>docker stop</c>): the API server goes away.</summary>
    public Task StopAsync(CancellationToken ct) => ClusterChecks.RunAsync("docker", ct, "stop", Container);

    /// <summary>Starts the stopped container again (<c>docker start</c>) on the same port.</summary>
    public Task StartAgainAsync(CancellationToken ct) => ClusterChecks.RunAsync("docker", ct, "start", Container);

    /// <summary>Removes the container with its volumes and the kubeconfig.</summary>
    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        client = null;
        try
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rm", "-f", "-v", Container).ConfigureAwait(false);
        }
        catch (TestBedException)
        {
            // Never created.
        }

        scratch.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
