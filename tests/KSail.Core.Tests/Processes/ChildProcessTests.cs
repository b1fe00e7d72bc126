using System.Diagnostics;
using System.Globalization;
using KSail.Core.Processes;
using KSail.Testing;

namespace KSail.Core.Tests.Processes;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_run_that_ends_gives_the_child_s_exit_code()
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", "exit 3"]) { UseShellExecute = false };

        var exit = await ChildProcess.RunAsync(start, "sh", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(new ChildProcessExit(3, false), exit);
    }

    [Fact]
    public async Task A_cancelled_run_interrupts_the_child_and_stops_what_it_left_behind()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the descendants of a process are read from /proc on Linux only");
        var pidFile = Path.Combine(Path.GetTempPath(), $"ksail-child-{Guid.NewGuid():N}");
        try
        {
            // The shell exits 7 on SIGINT, as dotnet test stops on Ctrl+C; its background sleep
            // ignores SIGINT (as a non-interactive shell's background jobs do) and is left behind.
            // (Interruptible: a shell cannot trap a signal ignored when it starts, as it is when the suite runs as a background job.)
            var start = Interruptible.StartInfo(
                "/bin/sh",
                ["-c", "trap 'exit 7' INT; sleep 300 & echo $! > \"$0.tmp\" && mv \"$0.tmp\" \"$0\"; wait", pidFile]);
            start.RedirectStandardOutput = false;
            start.RedirectStandardError = false;
            using var cancel = new CancellationTokenSource();
            var run = ChildProcess.RunAsync(start, "sh", TimeSpan.FromSeconds(30), cancel.Token);
            var leftBehind = await ReadPidAsync(pidFile);

            await cancel.CancelAsync();
            var exit = await run;

            Assert.Equal(new ChildProcessExit(7, true), exit);
            Assert.True(await GoneAsync(leftBehind), $"the shell's background sleep (pid {leftBehind}) still runs");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public void The_dotnet_host_is_DOTNET_HOST_PATH_when_it_exists_else_the_running_dotnet_else_the_one_on_PATH()
    {
        var existing = typeof(ChildProcessTests).Assembly.Location;
        var missing = Path.Combine(Path.GetTempPath(), $"ksail-no-dotnet-{Guid.NewGuid():N}");

        Assert.Equal(existing, ChildProcess.DotnetHost(existing, "/usr/share/dotnet/dotnet"));
        Assert.Equal("/usr/share/dotnet/dotnet", ChildProcess.DotnetHost(missing, "/usr/share/dotnet/dotnet"));
        Assert.Equal("dotnet", ChildProcess.DotnetHost(null, "/usr/local/bin/ksail"));
        Assert.Equal("dotnet", ChildProcess.DotnetHost(string.Empty));
    }

    private static async Task<int> ReadPidAsync(string file)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (!File.Exists(file))
        {
            await Task.Delay(20, limit.Token);
        }

        return int.Parse(await File.ReadAllTextAsync(file, limit.Token), CultureInfo.InvariantCulture);
    }

    // Gone, or a zombie not yet reaped (its parent, the shell, has exited).
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var attempt = 0; attempt < 250; attempt++)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{pid}/stat", TestContext.Current.CancellationToken);
            }
            catch (IOException)
            {
                return true;
            }

            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
