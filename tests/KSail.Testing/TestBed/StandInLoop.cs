using k8s;

namespace KSail.Testing.TestBed;

/// <summary>
/// How a test plays controllers no image can be pulled for: on a cluster whose controller-manager
/// runs without the Deployment controller, the test sets the status a controller would, in a loop
/// that starts once the create has written the cluster's context.
/// </summary>
public static class StandInLoop
{
    /// <summary>
    /// kind.yaml for one control plane of <paramref name="image"/> whose controller-manager runs
    /// without the Deployment controller (kubeadm's default controllers otherwise), so the test plays it.
    /// </summary>
    public static string KindWithoutDeploymentController(string image) => $$"""
        kind: Cluster
        apiVersion: kind.x-k8s.io/v1alpha4
        kubeadmConfigPatches:
          - |
            kind: ClusterConfiguration
            controllerManager:
              extraArgs:
                controllers: "*,bootstrapsigner,tokencleaner,-deployment"
        nodes:
          - role: control-plane
            image: {{image}}
        """;

    /// <summary>
    /// Waits until <paramref name="kubeconfig"/> holds <paramref name="context"/>, then runs
    /// <paramref name="step"/> every 300 ms until <paramref name="ct"/> is cancelled; a step that fails
    /// because the API does not serve it yet (CRDs to come, an API server starting) is tried again.
    /// </summary>
    public static async Task RunAsync(string kubeconfig, string context, Func<Kubernetes, StandInController, CancellationToken, Task> step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        while (!ct.IsCancellationRequested && !(File.Exists(kubeconfig) && (await File.ReadAllTextAsync(kubeconfig, CancellationToken.None).ConfigureAwait(false)).Contains(context, StringComparison.Ordinal)))
        {
            await PauseAsync(ct).ConfigureAwait(false);
        }

        if (ct.IsCancellationRequested)
        {
            return;
        }

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context));
        var standIn = new StandInController(client);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await step(client, standIn, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                // Not served yet, or the API server is starting: try again.
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            await PauseAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task PauseAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
