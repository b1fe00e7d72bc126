namespace KSail.Core.Readiness;

/// <summary>
/// A readiness step did not pass within its time limit (exit code 6). The message names the step
/// and carries the diagnosis: which object, which condition, its message, recent events and, for
/// Pods, the last log lines.
/// </summary>
public sealed class ReadinessTimeoutException : KSailException
{
    /// <summary>Creates the exception.</summary>
    public ReadinessTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReadinessTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ReadinessTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="step"/>, which did not pass within <paramref name="timeout"/>.</summary>
    public ReadinessTimeoutException(string step, TimeSpan timeout, string diagnosis, Exception? innerException = null)
        : base($"{step}: not ready within {Configuration.GoDuration.Format(timeout)}{Environment.NewLine}{diagnosis}", innerException!)
    {
        Step = step;
        Timeout = timeout;
        Diagnosis = diagnosis;
    }

    /// <summary>The step that timed out, e.g. <c>wait for nodes</c>.</summary>
    public string Step { get; } = string.Empty;

    /// <summary>The step's time limit.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>What was not ready, and why, as far as the cluster tells.</summary>
    public string Diagnosis { get; } = string.Empty;

    /// <inheritdoc/>
    public override int ExitCode => ExitCodes.ReadinessTimedOut;
}
