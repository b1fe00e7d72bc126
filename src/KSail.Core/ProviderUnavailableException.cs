namespace KSail.Core;

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
