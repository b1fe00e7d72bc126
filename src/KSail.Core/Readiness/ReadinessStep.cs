using Polly.Timeout;

namespace KSail.Core.Readiness;

/// <summary>
/// One wait of the readiness checks: reports what it waits for and how long so far, ends after
/// its time limit (Polly timeout on the injected clock) and turns that into a
/// <see cref="ReadinessTimeoutException"/> with the step's diagnosis.
/// </summary>
internal sealed class ReadinessStep
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DiagnosisBudget = TimeSpan.FromSeconds(15);
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;
    private readonly long started;
    private string waitingFor = string.Empty;

    private ReadinessStep(string name, IProgress<ProgressEvent>? progress, TimeProvider time)
    {
        Name = name;
        this.progress = progress;
        this.time = time;
        started = time.GetTimestamp();
    }

    /// <summary>The step's name, e.g. <c>wait for nodes</c>.</summary>
    public string Name { get; }

    /// <summary>How long the step has run.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(started);

    /// <summary>
    /// Runs <paramref name="wait"/> until it returns, for at most <paramref name="timeout"/>; on
    /// timeout, <paramref name="diagnose"/> says what was not ready.
    /// </summary>
    public static async Task RunAsync(
        string name,
        TimeSpan timeout,
        IProgress<ProgressEvent>? progress,
        TimeProvider time,
        Func<ReadinessStep, CancellationToken, Task> wait,
        Func<ReadinessStep, CancellationToken, Task<string>> diagnose,
        CancellationToken ct)
    {
        var step = new ReadinessStep(name, progress, time);
        progress?.Report(new ProgressEvent(name, $"waiting up to {Configuration.GoDuration.Format(timeout)}"));
        using var heartbeat = time.CreateTimer(_ => step.Beat(), null, Heartbeat, Heartbeat);
        try
        {
            await Transport.Timeout(timeout, time).ExecuteAsync(async token => await wait(step, token).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timedOut)
        {
            string diagnosis;
            using var budget = new CancellationTokenSource(DiagnosisBudget, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, ct);
            try
            {
                diagnosis = await diagnose(step, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                diagnosis = $"  waiting for: {step.waitingFor}{Environment.NewLine}  (the cluster could not be asked for more: {ex.Message})";
            }

            throw new ReadinessTimeoutException(name, timeout, diagnosis, timedOut);
        }

        progress?.Report(new ProgressEvent(name, $"ready after {step.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Says what the step now waits for; reported when it changes.</summary>
    public void WaitingFor(string what)
    {
        if (string.Equals(what, waitingFor, StringComparison.Ordinal))
        {
            return;
        }

        waitingFor = what;
        progress?.Report(new ProgressEvent(Name, $"waiting for {what} ({Elapsed.TotalSeconds:0.0} s so far)", ProgressLevel.Debug));
    }

    /// <summary>Reports a detail, e.g. a reconnect.</summary>
    public void Detail(string message) => progress?.Report(new ProgressEvent(Name, message, ProgressLevel.Debug));

    private void Beat()
    {
        if (waitingFor.Length > 0)
        {
            progress?.Report(new ProgressEvent(Name, $"still waiting for {waitingFor} ({Elapsed.TotalSeconds:0} s so far)"));
        }
    }
}
