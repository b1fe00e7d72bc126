using System.Diagnostics;
using System.Globalization;

namespace KSail.Core.Sessions;

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

/// <summary>
/// Finds the <c>dotnet test</c> run a process belongs to. Under <c>dotnet test</c> the test
/// session belongs to that command (MSBuild nodes and Testing Platform test apps are its
/// descendants, and several of them share one cluster); a test app started on its own is its own run.
/// </summary>
public static class ProcessTree
{
    /// <summary>
    /// The nearest ancestor of <paramref name="processId"/> (or the process itself) that is a
    /// <c>dotnet test</c> command, else the process itself. Parents are read from /proc on Linux and
    /// from <c>ps</c> on macOS; elsewhere the process is its own run.
    /// </summary>
    public static int FindTestRunRoot(int processId)
    {
        var current = processId;
        for (var depth = 0; depth < 16 && current > 1; depth++)
        {
            var (parent, arguments) = Read(current);
            if (IsDotnetTest(arguments))
            {
                return current;
            }

            if (parent is not { } next)
            {
                break;
            }

            current = next;
        }

        return processId;
    }

    /// <summary>Whether a command line is <c>dotnet test ...</c>.</summary>
    public static bool IsDotnetTest(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count < 2)
        {
            return false;
        }

        var program = Path.GetFileNameWithoutExtension(arguments[0]);
        return program.Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            && arguments.Skip(1).FirstOrDefault(a => !a.StartsWith('-')) is "test";
    }

    private static (int? Parent, IReadOnlyList<string> Arguments) Read(int processId)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var stat = File.ReadAllText($"/proc/{processId}/stat");
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var arguments = File.ReadAllText($"/proc/{processId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                return (parent, arguments);
            }

            if (OperatingSystem.IsMacOS())
            {
                var start = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { "-o", "ppid=,command=", "-p", processId.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }

                using var ps = Process.Start(start)!;
                var line = ps.StandardOutput.ReadToEnd().Trim();
                ps.WaitForExit();
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                return space < 0
                    ? (null, [])
                    : (int.Parse(line[..space], CultureInfo.InvariantCulture), line[(space + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.ComponentModel.Win32Exception)
        {
            // A process that went away or cannot be read ends the walk.
        }

        return (null, []);
    }
}
