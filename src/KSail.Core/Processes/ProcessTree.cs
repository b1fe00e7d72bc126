using System.Diagnostics;
using System.Globalization;

namespace KSail.Core.Processes;

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

    /// <summary>
    /// The processes below <paramref name="root"/> now (Linux: from /proc; elsewhere none), with their
    /// start times, so one whose id was reused meanwhile is not mistaken for it. The caller disposes them.
    /// </summary>
    internal static List<(Process Process, DateTime Started)> Descendants(int root)
    {
        var found = new List<(Process, DateTime)>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
                {
                    // Exited while being read.
                }
            }
        }

        var below = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (below.Contains(parent) && below.Add(pid))
                {
                    grew = true;
                }
            }
        }

        foreach (var pid in below.Where(p => p != root))
        {
            try
            {
                var process = Process.GetProcessById(pid);
                found.Add((process, process.StartTime));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Exited already.
            }
        }

        return found;
    }
}
