using System.Diagnostics;
using System.Text;
using KSail.Core.Processes;

namespace KSail.Build.Tasks;

/// <summary>
/// Runs the ksail engine that ships inside the package (<c>tools/ksail/ksail.dll</c>) as a child
/// process: the engine and its dependencies never load into MSBuild or the test app, so they cannot
/// clash with theirs. Errors come back on standard error in MSBuild's canonical form
/// (<c>KSAIL_DIAGNOSTIC_FORMAT=msbuild</c>); each line of standard error goes to <c>onLine</c> as it comes.
/// </summary>
internal static class KSailProcess
{
    public static async Task<KSailResult> RunAsync(string cliPath, IEnumerable<string> arguments, Action<string> onLine, IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(cliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KSAIL_DIAGNOSTIC_FORMAT"] = "msbuild";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Not the test app's or MSBuild's own runtime settings.
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} exec {cliPath}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = Task.Run(
            async () =>
            {
                while (await process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
                {
                    onLine(line);
                }
            },
            CancellationToken.None);
        using (ct.Register(() => Interrupt(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await error.ConfigureAwait(false);
        return new KSailResult(process.ExitCode, (await output.ConfigureAwait(false)).Trim());
    }

    /// <summary>Runs ksail and collects its standard error into <see cref="KSailResult.Log"/> (where no logger takes its lines).</summary>
    public static async Task<KSailResult> RunCollectingAsync(string cliPath, IEnumerable<string> arguments, CancellationToken ct = default)
    {
        var log = new StringBuilder();
        var result = await RunAsync(
            cliPath,
            arguments,
            line =>
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            },
            ct: ct).ConfigureAwait(false);
        lock (log)
        {
            return result with { Log = log.ToString() };
        }
    }

    /// <summary>The dotnet host that runs the build or the test app (the engine needs the same runtime).</summary>
    public static string DotnetHost() => ProcessSignals.DotnetHost(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), Environment.ProcessPath);

    /// <summary>Cancels the engine as Ctrl+C would (it then removes what it was creating), killing it only if it does not stop.</summary>
    private static void Interrupt(Process process)
    {
        try
        {
            if (ProcessSignals.TryInterrupt(process) && process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                return;
            }

            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited meanwhile.
        }
    }
}
