namespace KSail.Core.Processes;

/// <summary>How a child process run by <see cref="ChildProcess.RunAsync(System.Diagnostics.ProcessStartInfo, string, TimeSpan, CancellationToken)"/> ended.</summary>
/// <param name="ExitCode">Its exit code; <see cref="ExitCodes.Cancelled"/> when it was cancelled and could not be waited for.</param>
/// <param name="Cancelled">The run was cancelled (Ctrl+C): the child was interrupted, then killed if it did not stop.</param>
public sealed record ChildProcessExit(int ExitCode, bool Cancelled);
