namespace KSail.Core;

/// <summary>Creating the cluster failed at a named step (exit code 5).</summary>
public sealed class ProvisioningException : KSailException
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningException()
    {
    }

    /// <summary>Creates the exception with a message naming the step that failed.</summary>
    public ProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the step that failed, and its cause.</summary>
    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override int ExitCode => ExitCodes.ProvisioningFailed;
}
