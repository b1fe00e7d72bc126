using Xunit;
using System.Diagnostics;

namespace KSail.Testing.TestBed;

/// <summary>
/// Whether tests that need Docker can run. Under CI (CI=true) a missing Docker fails those tests;
/// on a developer machine without Docker they are skipped with a message saying what is missing.
/// </summary>
public static class DockerAvailability
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>Whether this run is CI's.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test (developer machine) or fails it (CI) when Docker does not answer.</summary>
    public static void Require()
    {
        if (Problem.Value is not { } problem)
        {
            return;
        }

        if (IsCi)
        {
            throw new TestBedException($"CI=true and {problem}; .ci/run must install and start Docker (tests/testbed/ci-prepare.sh)");
        }

        Assert.Skip($"{problem}; run tests/testbed/ci-prepare.sh as root to install and start Docker");
    }

    private static string? FindProblem()
    {
        try
        {
            var start = new ProcessStartInfo("docker", ["version", "--format", "{{.Server.Version}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return "the docker command could not be started";
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                return "the Docker daemon did not answer within 20 s";
            }

            return process.ExitCode == 0 ? null : "no Docker daemon answers";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "the docker command is not installed";
        }
    }
}
