using System.Net;
using System.Text;
using k8s;
using k8s.Models;
using KSail.Core.Labels;

namespace KSail.Core.Readiness;

/// <summary>Step 4 of <see cref="ClusterStabilityCheck"/>: a short-lived Pod connects to the API server's ClusterIP on 443; the Pod is always removed.</summary>
internal sealed class ApiConnectivityCheck(IKubernetes client, StabilityOptions options, IProgress<ProgressEvent>? progress, TimeProvider time)
{
    /// <summary>Runs the step within <paramref name="timeout"/>.</summary>
    public async Task RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        V1Pod? last = null;
        string? failedAttempt = null;
        var serviceAccountSeen = false;
        var name = $"ksail-api-connectivity-{Guid.NewGuid().ToString("N")[..6]}";
        var ns = options.ApiConnectivityNamespace;
        try
        {
            await ReadinessStep.RunAsync(
                ClusterStabilityCheck.ApiConnectivityStep,
                timeout,
                progress,
                time,
                async (step, token) =>
                {
                    var service = await Transport.Retry(time).ExecuteAsync(
                        async t => await client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default", cancellationToken: t).ConfigureAwait(false), token).ConfigureAwait(false);
                    var address = service.Spec.ClusterIP;

                    // A Pod is refused (403) until its namespace's ServiceAccount "default" exists,
                    // which the controller manager creates some time after the API server is up.
                    step.WaitingFor($"ServiceAccount {ns}/default (Pods in {ns} are refused until it exists)");
                    await WaitForDefaultServiceAccountAsync(ns, token).ConfigureAwait(false);
                    serviceAccountSeen = true;
                    var attempt = 0;
                    while (true)
                    {
                        attempt++;
                        step.WaitingFor($"Pod {ns}/{name} to connect to {address}:443 (attempt {attempt})");
                        last = null;
                        last = await RunConnectivityPodAsync(name, ns, address, pod => last = pod, token).ConfigureAwait(false);
                        if (last.Status?.Phase == "Succeeded")
                        {
                            return;
                        }

                        // Keep what the failed attempt said (its log goes with the Pod), then try again.
                        failedAttempt = await ClusterDiagnosis.PodAsync(client, last, "  ", token).ConfigureAwait(false);
                        step.Detail($"Pod {ns}/{name} could not connect to {address}:443; trying again");
                        await DeletePodAsync(name, ns, token).ConfigureAwait(false);
                    }
                },
                async (_, token) =>
                {
                    var text = new StringBuilder();
                    if (last is not null)
                    {
                        var now = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: token).ConfigureAwait(false);
                        text.AppendLine(await ClusterDiagnosis.PodAsync(client, now.Items.FirstOrDefault() ?? last, "  ", token).ConfigureAwait(false));
                    }

                    if (failedAttempt is not null)
                    {
                        text.AppendLine("  an earlier attempt failed:").AppendLine(failedAttempt);
                    }

                    if (text.Length > 0)
                    {
                        return text.ToString().TrimEnd();
                    }

                    return serviceAccountSeen
                        ? $"  Pod {ns}/{name} was not created"
                        : $"  ServiceAccount {ns}/default does not exist, so Pod {ns}/{name} could not be created (is the namespace there, and is the controller manager running?)";
                },
                ct).ConfigureAwait(false);
        }
        finally
        {
            await DeletePodAsync(name, ns, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<V1Pod> RunConnectivityPodAsync(string name, string ns, string address, Action<V1Pod> seen, CancellationToken ct)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [ResourceLabels.ManagedBy] = ResourceLabels.Tool },
            },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                AutomountServiceAccountToken = false,
                TerminationGracePeriodSeconds = 0,
                Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                Containers =
                [
                    new V1Container
                    {
                        Name = "connect",
                        Image = options.ApiConnectivityImage,
                        ImagePullPolicy = "IfNotPresent",
                        Command = ["sh", "-c", $"nc -z -w 5 {address} 443 && echo connected to {address}:443"],
                    },
                ],
            },
        };
        try
        {
            seen(await Transport.Retry(time).ExecuteAsync(
                async t => await client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: t).ConfigureAwait(false), ct).ConfigureAwait(false));
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // An attempt whose answer was lost created it; the watch below sees it.
        }

        V1Pod? finished = null;
        var watch = new ResumableWatch<V1Pod, V1PodList>(
            (version, watching, token) => client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
                ns, fieldSelector: $"metadata.name={name}", resourceVersion: version, watch: watching, cancellationToken: token),
            Transport.Retry(time));
        await watch.UntilAsync(
            pods =>
            {
                foreach (var p in pods)
                {
                    seen(p);
                }

                finished = pods.FirstOrDefault(p => p.Status?.Phase is "Succeeded" or "Failed");
                return finished is not null;
            },
            ct).ConfigureAwait(false);
        return finished!;
    }

    private Task WaitForDefaultServiceAccountAsync(string ns, CancellationToken ct) =>
        new ResumableWatch<V1ServiceAccount, V1ServiceAccountList>(
            (version, watching, token) => client.CoreV1.ListNamespacedServiceAccountWithHttpMessagesAsync(
                ns, fieldSelector: "metadata.name=default", resourceVersion: version, watch: watching, cancellationToken: token),
            Transport.Retry(time))
            .UntilAsync(accounts => accounts.Count > 0, ct);

    private async Task DeletePodAsync(string name, string ns, CancellationToken ct)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, ct);
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(name, ns, gracePeriodSeconds: 0, cancellationToken: linked.Token).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (Exception ex) when (Transport.IsTransient(ex, ct))
        {
            progress?.Report(new ProgressEvent(ClusterStabilityCheck.ApiConnectivityStep, $"could not remove Pod {ns}/{name}: {ex.Message}", ProgressLevel.Warning));
        }
    }
}
