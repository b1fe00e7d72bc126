using System.Diagnostics;
using System.Text;

namespace KSail.Nuke.Tests;

/// <summary>What a run of the example printed (standard output and error, interleaved) and its exit code.</summary>
public sealed record HostRun(int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>
/// The example console host (examples/nuke), built beside the tests, run as a process of its own with
/// <c>dotnet</c> in a clean environment, as a NUKE build runs its targets.
/// </summary>
public static class ExampleHost
{
    private static readonly string[] Inherited = ["PATH", "HOME", "USER", "TMPDIR", "LANG", "DOCKER_HOST", "DOTNET_ROOT", "NUGET_PACKAGES", "CI"];

    /// <summary>Runs the host in <paramref name="workingDirectory"/> with <paramref name="arguments"/> (targets, <c>--config</c>).</summary>
    public static Task<HostRun> RunAsync(string workingDirectory, params string[] arguments) =>
        RunDotnetAsync(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "KSail.Nuke.Example.dll"), .. arguments], TimeSpan.FromMinutes(5));

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the same clean environment.</summary>
    public static async Task<HostRun> RunDotnetAsync(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
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
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
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
            return new HostRun(process.ExitCode, output.ToString(), watch.Elapsed);
        }
    }
}
