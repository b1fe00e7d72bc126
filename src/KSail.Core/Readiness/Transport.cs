using System.Net;
using k8s.Autorest;
using Polly;
using Polly.Retry;

namespace KSail.Core.Readiness;

/// <summary>The Polly pipelines of the readiness waits: transport retries and step time limits.</summary>
internal static class Transport
{
    /// <summary>
    /// Retries what a restarting or briefly unreachable API server causes (refused or dropped
    /// connections, 5xx, 429, a request timing out on its own), quickly and without end: the step's
    /// time limit ends the wait, not a retry count.
    /// </summary>
    public static ResiliencePipeline Retry(TimeProvider time, Action<string>? onRetry = null) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromMilliseconds(250),
                UseJitter = false,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception?.Message ?? "no answer");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>A pipeline that ends the work after <paramref name="timeout"/>.</summary>
    public static ResiliencePipeline Timeout(TimeSpan timeout, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(timeout).Build();

    /// <summary>Whether <paramref name="error"/> is a transport failure worth another attempt.</summary>
    public static bool IsTransient(Exception? error, CancellationToken ct) => error switch
    {
        HttpRequestException or IOException => true,
        HttpOperationException { Response.StatusCode: var code } => (int)code >= 500 || code == HttpStatusCode.TooManyRequests,
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };
}
