using System.Diagnostics;
using KSail.Testing;

namespace KSail.Cli.Tests;

/// <summary>
/// Runs the built ksail program as a user's shell would: a clean environment (no variables of the
/// test runner's own dotnet, which would leak into a nested <c>dotnet test</c>) plus the variables a test gives.
/// </summary>
internal static class CleanProcess
{
    public static Task<KsailRun> RunKsailAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        RunKsailAsync(workingDirectory, environment, timeout, null, args);

    /// <summary>As above; <paramref name="started"/> gets the running process (to signal it).</summary>
    public static async Task<KsailRun> RunKsailAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, Func<Process, Task>? started, params string[] args)
    {
        // The clean environment every throw-away process of the tests gets, plus a closed standard input.
        var start = DotnetRun.StartInfo(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "ksail.dll"), .. args], environment: environment);
        start.RedirectStandardInput = true;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            if (started is not null)
            {
                await started(process);
            }

            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new KsailRun(process.ExitCode, await stdout, await stderr);
    }
}
