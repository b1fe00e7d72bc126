using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace KSail.Build.Tasks;

/// <summary>
/// A task that runs the ksail engine out of process (<see cref="KSailProcess"/>). Its progress lines
/// become MSBuild messages at normal verbosity; its errors, in MSBuild's canonical form, become MSBuild
/// errors with their code (KSAIL0003: configuration, with the ksail.yaml file and line) and location.
/// </summary>
public abstract class KSailTask : Task, ICancelableTask
{
    private readonly object gate = new();
    private CancellationTokenSource? running;
    private bool cancelled;

    /// <summary>The engine: <c>tools/ksail/ksail.dll</c> of the package.</summary>
    [Required]
    public string CliPath { get; set; } = string.Empty;

    /// <summary>The ksail exit code (README's table), 0 on success.</summary>
    [Output]
    public int ExitCode { get; private set; }

    /// <inheritdoc />
    public void Cancel()
    {
        lock (gate)
        {
            cancelled = true;
            running?.Cancel();
        }
    }

    /// <summary>Runs ksail; false (with the errors logged) when it fails.</summary>
    private protected bool Run(IEnumerable<string> arguments, out string output)
    {
        using var cancellation = new CancellationTokenSource();
        lock (gate)
        {
            running = cancellation;
            if (cancelled)
            {
                cancellation.Cancel();
            }
        }

        var result = KSailProcess.RunAsync(
            CliPath,
            arguments,
            line =>
            {
                lock (gate)
                {
                    Log.LogMessageFromText(line, MessageImportance.Normal);
                }
            },
            ct: cancellation.Token).GetAwaiter().GetResult();
        lock (gate)
        {
            running = null;
        }

        ExitCode = result.ExitCode;
        output = result.Output;
        if (result.ExitCode != 0 && !Log.HasLoggedErrors)
        {
            Log.LogError(null, $"KSAIL{result.ExitCode:0000}", null, null, 0, 0, 0, 0, "ksail failed with exit code {0}; its output is above.", result.ExitCode);
        }

        return result.ExitCode == 0;
    }
}
