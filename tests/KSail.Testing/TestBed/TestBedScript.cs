using System.Diagnostics;

namespace KSail.Testing.TestBed;

/// <summary>Runs <c>tests/testbed/testbed.sh</c>, the script that builds and runs the Kubernetes test bed.</summary>
public static class TestBedScript
{
    /// <summary>The script's path.</summary>
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, "tests", "testbed", "testbed.sh");

    /// <summary>Runs a sub-command and returns the <c>KEY=VALUE</c> lines it printed on standard output.</summary>
    /// <exception cref="TestBedException">The sub-command failed; the message holds the end of its output.</exception>
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new TestBedException($"could not start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var tail = string.Join(Environment.NewLine, errors.Split('\n').TakeLast(25));
            throw new TestBedException($"testbed.sh {string.Join(' ', args)} exited with {process.ExitCode}:{Environment.NewLine}{tail}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }
}

/// <summary>The test bed could not be built or started.</summary>
public sealed class TestBedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestBedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TestBedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TestBedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
