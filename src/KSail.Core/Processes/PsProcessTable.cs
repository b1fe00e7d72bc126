using System.Diagnostics;
using System.Globalization;

namespace KSail.Core.Processes;

/// <summary>macOS (and other systems with a POSIX <c>ps</c>): <c>ps -o ppid=,command= -p &lt;pid&gt;</c>.</summary>
internal sealed class PsProcessTable : IProcessTable
{
    /// <inheritdoc/>
    public (int? Parent, IReadOnlyList<string> Arguments) Read(int processId)
    {
        try
        {
            var start = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-o", "ppid=,command=", "-p", processId.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var ps = Process.Start(start)!;
            var line = ps.StandardOutput.ReadToEnd();
            ps.WaitForExit();
            return Parse(line);
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception)
        {
            return (null, []);
        }
    }

    /// <summary>
    /// One line of <c>ps -o ppid=,command=</c>: the parent id, then the command line. <c>ps</c>
    /// prints the arguments joined by spaces, so an argument with a space in it reads as two;
    /// the walk only looks for <c>dotnet</c> and <c>test</c>, which have none.
    /// </summary>
    internal static (int? Parent, IReadOnlyList<string> Arguments) Parse(string line)
    {
        var trimmed = line.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && int.TryParse(trimmed[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            ? (parent, trimmed[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : (null, []);
    }
}
