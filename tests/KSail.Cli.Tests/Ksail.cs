using System.Diagnostics;

namespace KSail.Cli.Tests;

/// <summary>The result of one <c>ksail</c> run.</summary>
internal sealed record KsailRun(int ExitCode, string Output, string Error);

/// <summary>Runs the ksail command line: in this process (fast), or as the real program (exit codes as the shell sees them).</summary>
internal static class Ksail
{
    public static async Task<KsailRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = CliContext.Plain(output, error, workingDirectory, environment ?? new Dictionary<string, string?>());
        var code = await KSailCli.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new KsailRun(code, output.ToString(), error.ToString());
    }

    public static Task<KsailRun> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    /// <summary>Runs the built ksail program as a separate process.</summary>
    public static Task<KsailRun> RunProcessAsync(string workingDirectory, params string[] args) =>
        RunProcessAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs the built ksail program as a separate process with extra environment variables.</summary>
    public static async Task<KsailRun> RunProcessAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "ksail.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new KsailRun(process.ExitCode, await stdout, await stderr);
    }
}
