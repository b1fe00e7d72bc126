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
    /// <c>dotnet test</c> command, else the process itself. Parents are read from /proc on Linux,
    /// from CIM's process table on Windows and from <c>ps</c> elsewhere (macOS).
    /// </summary>
    public static int FindTestRunRoot(int processId) => FindTestRunRoot(processId, Current);

    /// <summary>The same walk over the readings of <paramref name="table"/>.</summary>
    internal static int FindTestRunRoot(int processId, IProcessTable table)
    {
        var current = processId;
        for (var depth = 0; depth < 16 && current > 0; depth++)
        {
            var (parent, arguments) = table.Read(current);
            if (IsDotnetTest(arguments))
            {
                return current;
            }

            // Process 0 (Windows' idle process, Linux's swapper) is nobody's run; a parent that
            // is the process itself (a reused id) ends the walk too.
            if (parent is not { } next || next == current)
            {
                break;
            }

            current = next;
        }

        return processId;
    }

    /// <summary>The process table of the operating system this runs on.</summary>
    internal static IProcessTable Current =>
        OperatingSystem.IsLinux() ? new ProcFsProcessTable() : OperatingSystem.IsWindows() ? new WindowsProcessTable() : new PsProcessTable();

    /// <summary>Whether a command line is <c>dotnet test ...</c> (the program named with a Unix or a Windows path, with or without <c>.exe</c>).</summary>
    public static bool IsDotnetTest(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count < 2)
        {
            return false;
        }

        var program = arguments[0][(arguments[0].LastIndexOfAny(['/', '\\']) + 1)..];
        program = program.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? program[..^4] : program;
        return program.Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            && arguments.Skip(1).FirstOrDefault(a => !a.StartsWith('-')) is "test";
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
                    parents[pid] = ProcFsProcessTable.ParentOf(File.ReadAllText(Path.Combine(directory, "stat")));
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
