using System.Diagnostics;

namespace KSail.Cli.Tests;

/// <summary>
/// Runs the built ksail program as a user's shell would: a clean environment (no variables of the
/// test runner's own dotnet, which would leak into a nested <c>dotnet test</c>) plus the variables a test gives.
/// </summary>
internal static class CleanProcess
{
    private static readonly string[] Inherited = ["PATH", "HOME", "USER", "TMPDIR", "LANG", "DOCKER_HOST", "DOTNET_ROOT", "NUGET_PACKAGES", "CI", "K3D_IMAGE_LOADBALANCER", "KSAIL_KIND_LOADBALANCER_IMAGE"];

    public static Task<KsailRun> RunKsailAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        RunKsailAsync(workingDirectory, environment, timeout, null, args);

    /// <summary>As above; <paramref name="started"/> gets the running process (to signal it).</summary>
    public static async Task<KsailRun> RunKsailAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, Func<Process, Task>? started, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ksail.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

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
