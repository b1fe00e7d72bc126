namespace KSail.Core.Providers;

/// <summary>The result of a command run on a node.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Error">What it wrote to standard error.</param>
public sealed record ExecResult(long ExitCode, string Output, string Error);
