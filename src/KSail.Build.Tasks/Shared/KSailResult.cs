namespace KSail.Build.Tasks;

/// <summary>What a run of the ksail engine gave back.</summary>
/// <param name="ExitCode">Its exit code (README's table).</param>
/// <param name="Output">Its standard output (results, e.g. one JSON line).</param>
/// <param name="Log">Its standard error (progress and errors), when collected.</param>
internal sealed record KSailResult(int ExitCode, string Output, string Log = "");
