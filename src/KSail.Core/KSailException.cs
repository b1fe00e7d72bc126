namespace KSail.Core;

/// <summary>A failure KSail.NET explains to its user, with the exit code every surface reports for it.</summary>
public abstract class KSailException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected KSailException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    protected KSailException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    protected KSailException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code for this failure (see <see cref="ExitCodes"/>).</summary>
    public abstract int ExitCode { get; }
}

/// <summary>Docker (or another provider) cannot be reached or used (exit code 4).</summary>
public sealed class ProviderUnavailableException : KSailException
{
    /// <summary>Creates the exception.</summary>
    public ProviderUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message saying how to make the provider available.</summary>
    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override int ExitCode => ExitCodes.ProviderUnavailable;
}

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
