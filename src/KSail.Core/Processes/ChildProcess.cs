using System.Diagnostics;

namespace KSail.Core.Processes;

/// <summary>
/// Runs a child process in the foreground (<c>ksail test</c> runs <c>dotnet test</c> so): its output
/// goes where it was started to write, and Ctrl+C is passed on to it and its descendants.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> and waits for it to exit. When <paramref name="ct"/> is
    /// cancelled, the child is interrupted as Ctrl+C would (SIGINT; on Windows the console's Ctrl+C
    /// reaches it already), killed with its descendants if it has not stopped within
    /// <paramref name="stopGrace"/>, and what it had started and left behind is killed too.
    /// </summary>
    /// <param name="start">What to run.</param>
    /// <param name="name">The name errors give it, e.g. <c>dotnet test</c>.</param>
    /// <param name="stopGrace">How long it gets to stop after the interrupt.</param>
    /// <param name="ct">Cancels the run (passed on as an interrupt).</param>
    /// <exception cref="ProvisioningException">The process did not start.</exception>
    public static Task<ChildProcessExit> RunAsync(ProcessStartInfo start, string name, TimeSpan stopGrace, CancellationToken ct = default) =>
        RunAsync(start, name, stopGrace, output: null, ct);

    /// <summary>
    /// As <see cref="RunAsync(ProcessStartInfo, string, TimeSpan, CancellationToken)"/>, but with
    /// <paramref name="output"/> given, the child's standard output and error are read line by line and
    /// passed to it instead of going where this process writes (the MCP server's standard output is the protocol's).
    /// </summary>
    /// <param name="start">What to run.</param>
    /// <param name="name">The name errors give it, e.g. <c>dotnet test</c>.</param>
    /// <param name="stopGrace">How long it gets to stop after the interrupt.</param>
    /// <param name="output">Takes each line the child writes; null to let it write where this process does.</param>
    /// <param name="ct">Cancels the run (passed on as an interrupt).</param>
    /// <exception cref="ProvisioningException">The process did not start.</exception>
    public static async Task<ChildProcessExit> RunAsync(ProcessStartInfo start, string name, TimeSpan stopGrace, Action<string>? output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (output is not null)
        {
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
        }

        using var child = Process.Start(start) ?? throw new ProvisioningException($"'{name}' did not start");
        if (output is not null)
        {
            child.OutputDataReceived += (_, line) => Pass(line.Data);
            child.ErrorDataReceived += (_, line) => Pass(line.Data);
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
        }

        void Pass(string? line)
        {
            if (line is not null)
            {
                output(line);
            }
        }

        try
        {
            await child.WaitForExitAsync(ct).ConfigureAwait(false);
            return new ChildProcessExit(child.ExitCode, false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The child may exit on Ctrl+C before its own children do; those left behind are stopped below.
            var descendants = ProcessTree.Descendants(child.Id);
            if (!OperatingSystem.IsWindows() && !ProcessSignals.TryInterrupt(child))
            {
                child.Kill(entireProcessTree: true);
            }

            using var grace = new CancellationTokenSource(stopGrace);
            try
            {
                await child.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var (process, started) in descendants)
            {
                using (process)
                {
                    try
                    {
                        if (!process.HasExited && process.StartTime == started)
                        {
                            process.Kill(entireProcessTree: true);
                        }
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        // Gone already.
                    }
                }
            }

            return new ChildProcessExit(child.HasExited ? child.ExitCode : ExitCodes.Cancelled, true);
        }
    }

    /// <summary>
    /// The dotnet host to start a .NET program with: <paramref name="hostPath"/> (the value of
    /// <c>DOTNET_HOST_PATH</c>) when that file exists, else <paramref name="processPath"/> when it is a
    /// dotnet host, else the <c>dotnet</c> on PATH.
    /// </summary>
    public static string DotnetHost(string? hostPath, string? processPath = null) => ProcessSignals.DotnetHost(hostPath, processPath);
}
