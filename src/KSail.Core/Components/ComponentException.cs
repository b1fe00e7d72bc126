namespace KSail.Core.Components;

/// <summary>A component's upstream file could not be had or was not the pinned one (exit code 5).</summary>
public sealed class ComponentException : KSailException
{
    /// <summary>Creates the exception.</summary>
    public ComponentException()
    {
    }

    /// <summary>Creates the exception with a message naming the component and what failed.</summary>
    public ComponentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ComponentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override int ExitCode => ExitCodes.ProvisioningFailed;
}
