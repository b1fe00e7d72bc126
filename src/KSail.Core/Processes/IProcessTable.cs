namespace KSail.Core.Processes;

/// <summary>
/// Reads a process's parent and command line, the way the operating system lets another process
/// read them (Linux: <c>/proc</c>; macOS: <c>ps</c>; Windows: the CIM process table). Behind this
/// small interface so the walk to the <c>dotnet test</c> run (<see cref="ProcessTree"/>) is the
/// same on every system and tested here with any system's readings.
/// </summary>
internal interface IProcessTable
{
    /// <summary>The parent and arguments of <paramref name="processId"/>; no parent and no arguments when it cannot be read.</summary>
    (int? Parent, IReadOnlyList<string> Arguments) Read(int processId);
}
