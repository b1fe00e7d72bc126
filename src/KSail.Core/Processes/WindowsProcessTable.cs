using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace KSail.Core.Processes;

/// <summary>
/// Windows: the process table as CIM's <c>Win32_Process</c> gives it (<c>ProcessId</c>,
/// <c>ParentProcessId</c>, <c>CommandLine</c>), read once through Windows PowerShell, which every
/// Windows has, and kept: the walk to the <c>dotnet test</c> run asks for a few processes one
/// after the other, and the ones it asks for outlive the walk.
/// </summary>
internal sealed class WindowsProcessTable : IProcessTable
{
    private readonly Lazy<IReadOnlyDictionary<int, (int Parent, string CommandLine)>> table;

    /// <summary>A table read from the system on first use.</summary>
    public WindowsProcessTable()
        : this(() => Parse(Snapshot()))
    {
    }

    /// <summary>A table read by <paramref name="read"/> on first use.</summary>
    internal WindowsProcessTable(Func<IReadOnlyDictionary<int, (int Parent, string CommandLine)>> read) =>
        table = new Lazy<IReadOnlyDictionary<int, (int Parent, string CommandLine)>>(read);

    /// <inheritdoc/>
    public (int? Parent, IReadOnlyList<string> Arguments) Read(int processId) =>
        table.Value.TryGetValue(processId, out var entry) ? (entry.Parent, WindowsCommandLine.Split(entry.CommandLine)) : (null, []);

    /// <summary>
    /// The JSON of <c>Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,CommandLine | ConvertTo-Json</c>:
    /// an array of objects (one object when there is a single process); CommandLine is null for processes the user may not read.
    /// </summary>
    internal static Dictionary<int, (int Parent, string CommandLine)> Parse(string json)
    {
        var found = new Dictionary<int, (int, string)>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return found;
        }

        using var document = JsonDocument.Parse(json);
        var entries = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
        foreach (var entry in entries)
        {
            if (entry.TryGetProperty("ProcessId", out var id) && id.TryGetInt32(out var pid)
                && entry.TryGetProperty("ParentProcessId", out var parent) && parent.TryGetInt32(out var ppid))
            {
                var commandLine = entry.TryGetProperty("CommandLine", out var line) && line.ValueKind == JsonValueKind.String ? line.GetString()! : string.Empty;
                found[pid] = (ppid, commandLine);
            }
        }

        return found;
    }

    private static string Snapshot()
    {
        try
        {
            var start = new ProcessStartInfo("powershell.exe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, CreateNoWindow = true };
            foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-Command", "Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,CommandLine | ConvertTo-Json -Compress" })
            {
                start.ArgumentList.Add(argument);
            }

            using var powershell = Process.Start(start)!;
            var errors = powershell.StandardError.ReadToEndAsync();
            var output = powershell.StandardOutput.ReadToEnd();
            powershell.WaitForExit();
            _ = errors.Result;
            return powershell.ExitCode == 0 ? output : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception)
        {
            return string.Empty; // no table: every process is its own run
        }
    }

    /// <summary>Formats a process id as the table's JSON names it (tests build tables with it).</summary>
    internal static string Entry(int processId, int parent, string? commandLine) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"ProcessId\":{processId},\"ParentProcessId\":{parent},\"CommandLine\":{JsonSerializer.Serialize(commandLine)}}}");
}
