namespace KSail.Cli.Commands;

/// <summary>How a command writes its answer: text for people, JSON for scripts.</summary>
internal enum OutputFormat
{
    /// <summary>Lines for a person to read.</summary>
    Text,

    /// <summary>One JSON document on standard output (progress and errors stay on standard error).</summary>
    Json,
}
