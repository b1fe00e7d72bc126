using System.Diagnostics;

namespace KSail.Core.Processes;

/// <summary>A process, identified by its id and start time (so a reused id is not mistaken for it).</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="StartTime">When it started.</param>
public sealed record ProcessIdentity(int ProcessId, DateTimeOffset StartTime)
{
    /// <summary>The identity of a running process, or null when it is gone.</summary>
    public static ProcessIdentity? Of(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return new ProcessIdentity(processId, new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (ArgumentException)
        {
            return null; // no such process
        }
        catch (InvalidOperationException)
        {
            return null; // it exited meanwhile
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // it exited between the lookup and reading /proc/<pid>/stat
        }
    }

    /// <summary>Whether this very process still runs.</summary>
    public bool IsAlive() => Of(ProcessId) is { } now && Is(now);

    /// <summary>
    /// Whether <paramref name="other"/> is the same process. Start times are compared within 2 s:
    /// on Linux .NET derives them from the boot time, which it computes afresh each time, so two
    /// readings of one process differ slightly.
    /// </summary>
    public bool Is(ProcessIdentity? other) => other is not null && other.ProcessId == ProcessId && Math.Abs((other.StartTime - StartTime).TotalSeconds) < 2;
}
