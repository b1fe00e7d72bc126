namespace KSail.Cli.Mcp;

/// <summary>A tool call's input names no subcommand, or something the subcommand does not take: nothing is run.</summary>
internal sealed class McpToolInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpToolInputException()
    {
    }

    /// <summary>Creates the exception with what is wrong.</summary>
    public McpToolInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and its cause.</summary>
    public McpToolInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
