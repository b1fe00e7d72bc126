using System.Diagnostics;

namespace KSail.Testing;

/// <summary>What a dotnet command printed (standard output and error, interleaved) and its exit code.</summary>
public sealed record DotnetResult(int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>Runs the real dotnet CLI in a clean environment: nothing of this test host's own run leaks into it.</summary>
public static class DotnetRun
{
    private static readonly string[] Inherited = ["PATH", "HOME", "USER", "TMPDIR", "LANG", "DOCKER_HOST", "DOTNET_ROOT", "NUGET_PACKAGES", "CI", "K3D_IMAGE_LOADBALANCER", "KSAIL_KIND_LOADBALANCER_IMAGE"];

    /// <summary>
    /// The start of a dotnet command; with <paramref name="processGroup"/> it leads a process group of
    /// its own (through setsid), as a command started from a terminal does, so a test can send the
    /// whole group SIGINT the way Ctrl+C does. <paramref name="environment"/> adds variables to the clean environment.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, bool processGroup = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Through Interruptible: tests signal these processes, and the suite may run with SIGINT ignored.
        var start = processGroup ? Interruptible.StartInfo("setsid", ["dotnet"]) : Interruptible.StartInfo("dotnet", []);
        start.WorkingDirectory = workingDirectory;
        UseCleanEnvironment(start, environment);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Gives <paramref name="start"/> the clean environment every throw-away process of the tests
    /// gets (the inherited variables above, dotnet's first-run and telemetry settings), plus <paramref name="environment"/>.
    /// </summary>
    public static void UseCleanEnvironment(ProcessStartInfo start, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(start);
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
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
    }

    public static async Task<DotnetResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct, Action<Process>? started = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(workingDirectory, arguments, processGroup: started is not null, environment))!;
        started?.Invoke(process);
        var output = new System.Text.StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new DotnetResult(process.ExitCode, output.ToString(), watch.Elapsed);
        }
    }
}
