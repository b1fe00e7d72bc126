namespace KSail.Core.Readiness;

/// <summary>
/// A readiness step failed for good before its time limit: a GitOps object reported a terminal
/// failure (Flux: Stalled=True or a terminal Ready=False reason; Argo CD: Degraded or a sync
/// error). Exit code 6, as a timeout: the cluster did not become ready.
/// </summary>
public sealed class ReadinessFailedException : KSailException
{
    /// <summary>Creates the exception.</summary>
    public ReadinessFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReadinessFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ReadinessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="step"/>, with what failed and why.</summary>
    public ReadinessFailedException(string step, string objectName, string reason, string diagnosis)
        : base($"{step}: {objectName} failed: {reason}{Environment.NewLine}{diagnosis}")
    {
        Step = step;
        ObjectName = objectName;
        Reason = reason;
        Diagnosis = diagnosis;
    }

    /// <summary>The step that failed.</summary>
    public string Step { get; } = string.Empty;

    /// <summary>The object that failed, e.g. <c>Kustomization flux-system/apps</c>.</summary>
    public string ObjectName { get; } = string.Empty;

    /// <summary>The failure's reason and message, as the controller reported them.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>The object's conditions and recent events.</summary>
    public string Diagnosis { get; } = string.Empty;

    /// <inheritdoc/>
    public override int ExitCode => ExitCodes.ReadinessTimedOut;
}
