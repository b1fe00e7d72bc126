using KSail.Testing;

namespace KSail.Nuke.Tests;

/// <summary>
/// The example console host (examples/nuke), built beside the tests, run as a process of its own with
/// <c>dotnet</c> in a clean environment, as a NUKE build runs its targets.
/// </summary>
public static class ExampleHost
{
    /// <summary>Runs the host in <paramref name="workingDirectory"/> with <paramref name="arguments"/> (targets, <c>--config</c>).</summary>
    public static Task<DotnetResult> RunAsync(string workingDirectory, params string[] arguments) =>
        DotnetRun.RunAsync(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "KSail.Nuke.Example.dll"), .. arguments], TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
}
