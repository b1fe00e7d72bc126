using k8s;
using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Distributions;

/// <summary>What the registry tests of both distributions do: an image pushed from the host, and a Pod that pulls it.</summary>
internal static class RegistryPulls
{
    /// <summary>
    /// A locally built image (docker import of busybox) pushed to the registry published on
    /// 127.0.0.1:<paramref name="port"/> as app:1; the local tags are added to <paramref name="images"/> for removal.
    /// </summary>
    public static async Task PushAppAsync(int port, List<string> images, CancellationToken ct)
    {
        var local = await ClusterChecks.BuildBusyboxImageAsync(ct);
        images.Add(local);
        var pushed = $"127.0.0.1:{port}/app:1";
        images.Add(pushed);
        await ClusterChecks.RunAsync("docker", ct, "tag", local, pushed);
        // The engine's port proxy can answer EOF while the registry behind it is briefly busy on a loaded test bed: push again, twice at most.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ClusterChecks.RunAsync("docker", ct, "push", pushed);
                return;
            }
            catch (TestBedException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    /// <summary>A Pod of <paramref name="image"/> (pulled when not present) runs on <paramref name="node"/> and says hello from there.</summary>
    public static async Task AssertHelloAsync(IKubernetes client, string image, string node, CancellationToken ct)
    {
        var pod = await ClusterChecks.RunHelloPodAsync(client, image, node, TimeSpan.FromMinutes(3), ct);
        var state = pod.Status.ContainerStatuses?.FirstOrDefault()?.State;
        Assert.True(
            pod.Status.Phase == "Succeeded",
            $"the Pod of {image} on {node} is {pod.Status.Phase} ({pod.Status.Reason} {pod.Status.Message}; container: {state?.Terminated?.Reason} {state?.Terminated?.ExitCode} {state?.Terminated?.Message} {state?.Waiting?.Reason} {state?.Waiting?.Message})");
        Assert.Equal($"hello from {node}", (await ClusterChecks.PodLogAsync(client, pod, ct)).Trim());
    }
}
