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
