using System.Diagnostics;

namespace KSail.Testing;

/// <summary>
/// The start of a process that a test will send SIGINT or SIGTERM to, with those signals' default
/// disposition restored (coreutils' <c>env --default-signal</c>, which then runs the program in the
/// same process, so the process id a test signals is the program's).
/// </summary>
/// <remarks>
/// A signal ignored by a parent stays ignored in its children (POSIX exec keeps SIG_IGN). A suite
/// started as a background job of a non-interactive shell (<c>bash .ci/run &amp;</c>, as some CI
/// systems start scripts) has SIGINT ignored, and so would every ksail or dotnet test a test starts:
/// the test would then show nothing of how the product handles Ctrl+C. Users press Ctrl+C at a
/// terminal, where the signal has its default disposition; this gives the child that.
/// </remarks>
public static class Interruptible
{
    /// <summary>The signals tests send to the processes they start.</summary>
    public const string Signals = "INT,TERM";

    /// <summary>A start of <paramref name="program"/> with <paramref name="arguments"/>, SIGINT and SIGTERM at their default disposition.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--default-signal={Signals}");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
