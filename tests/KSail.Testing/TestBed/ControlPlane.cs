using Xunit;
using k8s;

namespace KSail.Testing.TestBed;

/// <summary>
/// A real Kubernetes control plane (etcd, kube-apiserver, controller-manager, scheduler, v1.20
/// built from Debian's source) in one container of the test bed, for a whole test assembly:
/// register it with <c>[assembly: AssemblyFixture(typeof(ControlPlane))]</c>. Started lazily by the
/// first test that asks for it, removed when the assembly is done.
/// </summary>
public sealed class ControlPlane : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? container;
    private string? kubeconfig;
    private Kubernetes? client;

    /// <summary>The admin kubeconfig of the running control plane.</summary>
    public string KubeconfigPath => kubeconfig ?? throw new InvalidOperationException("call StartAsync first");

    /// <summary>The control plane's container name (labelled io.ksail.test=true).</summary>
    public string ContainerName => container ?? throw new InvalidOperationException("call StartAsync first");

    /// <summary>A client with admin rights.</summary>
    public IKubernetes Client => client ?? throw new InvalidOperationException("call StartAsync first");

    /// <summary>The image names of the test bed, by role (<c>control-plane</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Images { get; private set; } = new Dictionary<string, string>();

    /// <summary>Starts the control plane once (later calls return at once); skips or fails the test when Docker is missing.</summary>
    public async Task StartAsync()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (client is not null)
            {
                return;
            }

            Images = await TestBedScript.RunAsync(ct, "images").ConfigureAwait(false);
            var name = $"ksail-test-cp-{Guid.NewGuid().ToString("N")[..8]}";
            var up = await TestBedScript.RunAsync(ct, "up", "--name", name).ConfigureAwait(false);
            container = up["CONTAINER"];
            kubeconfig = up["KUBECONFIG"];
            client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (container is not null)
        {
            await TestBedScript.RunAsync(CancellationToken.None, "down", container).ConfigureAwait(false);
        }

        gate.Dispose();
    }
}
