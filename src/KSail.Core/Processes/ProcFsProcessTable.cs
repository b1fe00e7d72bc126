using System.Globalization;

namespace KSail.Core.Processes;

/// <summary>Linux: a process's parent from <c>/proc/&lt;pid&gt;/stat</c>, its arguments from <c>/proc/&lt;pid&gt;/cmdline</c>.</summary>
internal sealed class ProcFsProcessTable : IProcessTable
{
    /// <inheritdoc/>
    public (int? Parent, IReadOnlyList<string> Arguments) Read(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var arguments = File.ReadAllText($"/proc/{processId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return (ParentOf(stat), arguments);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return (null, []); // gone, or not ours to read
        }
    }

    /// <summary>The parent id in a <c>/proc/&lt;pid&gt;/stat</c> line: <c>pid (comm) state ppid ...</c>, where comm may hold spaces and parentheses, so read after the last ')'.</summary>
    internal static int ParentOf(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
