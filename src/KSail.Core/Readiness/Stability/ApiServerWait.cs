using System.Net;
using k8s;

namespace KSail.Core.Readiness;

/// <summary>Step 1 of <see cref="ClusterStabilityCheck"/>: /readyz answers healthy <see cref="StabilityOptions.RequiredHealthyChecks"/> times in a row; transport errors reset the count.</summary>
internal sealed class ApiServerWait(IKubernetes client, StabilityOptions options, IProgress<ProgressEvent>? progress, TimeProvider time)
{
    /// <summary>Runs the step within <paramref name="timeout"/>.</summary>
    public Task RunAsync(TimeSpan timeout, CancellationToken ct)
    {
        var required = options.RequiredHealthyChecks;
        var inARow = 0;
        var resets = 0;
        var lastFailure = "none";
        return ReadinessStep.RunAsync(
            ClusterStabilityCheck.ApiServerStep,
            timeout,
            progress,
            time,
            async (step, token) =>
            {
                while (true)
                {
                    var failure = await ProbeAsync(token).ConfigureAwait(false);
                    if (failure is null)
                    {
                        if (++inARow >= required)
                        {
                            return;
                        }

                        step.WaitingFor($"{required} healthy /readyz answers in a row ({inARow} so far)");
                    }
                    else
                    {
                        if (inARow > 0)
                        {
                            resets++;
                            step.Detail($"/readyz failed after {inARow} healthy answers, counting again: {failure}");
                        }

                        inARow = 0;
                        lastFailure = failure;
                        step.WaitingFor($"a healthy /readyz answer (last: {failure})");
                    }

                    await Task.Delay(options.HealthCheckInterval, time, token).ConfigureAwait(false);
                }
            },
            (_, _) => Task.FromResult(
                $"  API server {client.BaseUri}: {inARow} healthy /readyz answers in a row of {required} required; count reset {resets} times{Environment.NewLine}"
                + $"  last failed check: {lastFailure}"),
            ct);
    }

    /// <summary>One /readyz check: null when healthy, else what failed.</summary>
    private async Task<string?> ProbeAsync(CancellationToken ct)
    {
        using var limit = new CancellationTokenSource(options.HealthCheckRequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, ct);
        try
        {
            if (client is not Kubernetes concrete)
            {
                // Another IKubernetes: an API call stands in for /readyz.
                await client.Version.GetCodeAsync(linked.Token).ConfigureAwait(false);
                return null;
            }

            var baseUri = concrete.BaseUri.AbsoluteUri.EndsWith('/') ? concrete.BaseUri : new Uri(concrete.BaseUri.AbsoluteUri + "/");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "readyz"));
            if (concrete.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, linked.Token).ConfigureAwait(false);
            }

            using var response = await concrete.HttpClient.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var failing = body.Split('\n').Where(l => l.StartsWith("[-]", StringComparison.Ordinal)).Select(l => l.Trim());
            return $"HTTP {(int)response.StatusCode} {string.Join(", ", failing)}".TrimEnd();
        }
        catch (Exception ex) when (Transport.IsTransient(ex, ct) || ex is k8s.Autorest.HttpOperationException)
        {
            return ex is OperationCanceledException
                ? $"no answer within {options.HealthCheckRequestTimeout.TotalSeconds:0.#} s"
                : ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        }
    }
}
