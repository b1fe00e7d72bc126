namespace KSail.Cli;

/// <summary>How much a command tells while it works (<c>--quiet</c>, default, <c>--verbose</c>).</summary>
internal enum Verbosity
{
    /// <summary>Warnings, errors and the result only.</summary>
    Quiet,

    /// <summary>Each step as it happens (a live view on a terminal).</summary>
    Normal,

    /// <summary>Each step and its details, with timestamps, as lines.</summary>
    Verbose,
}
