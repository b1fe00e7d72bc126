using System.Diagnostics;
using System.Globalization;

namespace KSail.Testing.Tests;

/// <summary>
/// <see cref="Interruptible"/> gives a child SIGINT and SIGTERM at their default disposition even
/// when its parent ignores them, as a suite started with <c>bash .ci/run &amp;</c> from a
/// non-interactive shell does for SIGINT.
/// </summary>
public sealed class InterruptibleTests
{
    private const long SigInt = 1L << (2 - 1);
    private const long SigTerm = 1L << (15 - 1);

    [Fact]
    public async Task A_child_of_a_parent_that_ignores_SIGINT_and_SIGTERM_gets_them_back()
    {
        // Given a parent that ignores both signals (as the background job's shell does)
        // When it starts a program as plain exec and through Interruptible
        var plain = await IgnoredSignalsAsync(new ProcessStartInfo("grep", ["SigIgn", "/proc/self/status"]));
        var restored = await IgnoredSignalsAsync(Interruptible.StartInfo("grep", ["SigIgn", "/proc/self/status"]));

        // Then the plain child inherits the ignored signals, and the other one does not
        Assert.Equal(SigInt | SigTerm, plain & (SigInt | SigTerm));
        Assert.Equal(0L, restored & (SigInt | SigTerm));
    }

    // The SigIgn mask of the program of 'start', run by a bash that ignores SIGINT and SIGTERM and then execs it.
    private static async Task<long> IgnoredSignalsAsync(ProcessStartInfo start)
    {
        var wrapped = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "trap '' INT TERM; exec \"$@\"", "bash", start.FileName, .. start.ArgumentList])
        {
            wrapped.ArgumentList.Add(argument);
        }

        using var process = Process.Start(wrapped)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        return long.Parse(output.Split(':', 2)[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
