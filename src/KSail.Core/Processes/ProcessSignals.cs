using System.Diagnostics;
using System.Globalization;

namespace KSail.Core.Processes;

/// <summary>
/// Stopping a child process as Ctrl+C would, and killing what is left. Also compiled into
/// KSail.Build.Tasks (as linked source: the tasks never load KSail.Core into MSBuild or the test app).
/// </summary>
internal static class ProcessSignals
{
    /// <summary>
    /// Sends SIGINT to <paramref name="process"/> (<c>kill -INT</c>), so it stops as it does on Ctrl+C
    /// at a terminal. False when no signal was sent: on Windows (no such signal), or when <c>kill</c> cannot run.
    /// </summary>
    public static bool TryInterrupt(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// The dotnet host to start a .NET program with: <paramref name="hostPath"/> (<c>DOTNET_HOST_PATH</c>,
    /// set by the dotnet host for tools and MSBuild) when that file exists, else <paramref name="processPath"/>
    /// when it is a dotnet host, else the <c>dotnet</c> on PATH.
    /// </summary>
    public static string DotnetHost(string? hostPath, string? processPath)
    {
        if (hostPath is { Length: > 0 } && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        return "dotnet";
    }
}
