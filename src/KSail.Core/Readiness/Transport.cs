using System.Net;
using k8s.Autorest;
using Polly;
using Polly.Retry;

namespace KSail.Core.Readiness;

/// <summary>The Polly pipelines of the readiness waits: transport retries and step time limits.</summary>
internal static class Transport
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(250);

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
                Delay = FirstDelay,
                MaxDelay = LongestDelay,
                UseJitter = false,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception?.Message ?? "no answer");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>
    /// The same retries for one request of a component install or download, which has no step of
    /// its own to end them: failures <paramref name="transient"/> names (and answers
    /// <paramref name="transientAnswer"/> names) are tried again until <paramref name="limit"/> has
    /// passed since the pipeline was built (on <paramref name="time"/>); then the last failure or
    /// answer is the caller's. Build one for each request.
    /// </summary>
    public static ResiliencePipeline<T> RetryFor<T>(TimeProvider time, TimeSpan limit, Func<Exception, bool> transient, Func<T, bool>? transientAnswer = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        return new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    time.GetElapsedTime(started) < limit
                    && (args.Outcome.Exception is { } error ? transient(error) : transientAnswer is not null && transientAnswer(args.Outcome.Result!))),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = LongestDelay,
                UseJitter = false,
            })
            .Build();
    }

    /// <summary>A pipeline that ends the work after <paramref name="timeout"/>.</summary>
    public static ResiliencePipeline Timeout(TimeSpan timeout, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(timeout).Build();

    /// <summary>Whether <paramref name="error"/> is a transport failure worth another attempt.</summary>
    public static bool IsTransient(Exception? error, CancellationToken ct) => error switch
    {
        HttpRequestException { StatusCode: { } status } => (int)status >= 500 || status == HttpStatusCode.TooManyRequests,
        HttpRequestException or IOException => true,
        HttpOperationException { Response.StatusCode: var code } => (int)code >= 500 || code == HttpStatusCode.TooManyRequests,
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };
}
