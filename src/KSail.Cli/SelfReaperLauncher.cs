using System.Diagnostics;
using KSail.Core.Lifecycle;
using KSail.Core.Processes;

namespace KSail.Cli;

/// <summary>
/// Starts the reaper as this same program (<c>ksail __reap ...</c>), detached: in a session of its
/// own (so Ctrl+C or a killed process group spares it), with no terminal, writing to a log file
/// beside its disarm file.
/// </summary>
internal sealed class SelfReaperLauncher : IReaperLauncher
{
    public void Launch(ReaperOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        // The ksail program itself: its apphost when installed as a tool, else 'dotnet ksail.dll'
        // (also when ksail runs inside another process, such as a test host).
        var self = typeof(SelfReaperLauncher).Assembly.Location;
        var apphost = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("ksail", StringComparison.OrdinalIgnoreCase) ? path : null;
        var command = apphost is not null
            ? new List<string> { apphost }
            : [DotnetHost(), self];
        command.Add("__reap");
        command.AddRange(order.ToArguments());

        ProcessStartInfo start;
        if (OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(command[0]) { UseShellExecute = false, CreateNoWindow = true };
            command.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        }
        else
        {
            var log = Path.ChangeExtension(order.DisarmFile, ".log");
            start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("log=$1; shift; if command -v setsid >/dev/null; then exec setsid \"$@\" </dev/null >>\"$log\" 2>&1; else exec \"$@\" </dev/null >>\"$log\" 2>&1; fi");
            start.ArgumentList.Add("ksail-reaper");
            start.ArgumentList.Add(log);
            command.ForEach(start.ArgumentList.Add);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the reaper process could not be started");
    }

    private static string DotnetHost() => ChildProcess.DotnetHost(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), Environment.ProcessPath);
}
