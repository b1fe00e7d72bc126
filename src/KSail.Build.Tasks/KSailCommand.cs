using Microsoft.Build.Framework;

namespace KSail.Build.Tasks;

/// <summary>Runs one ksail command (the KSailCluster* targets): <c>ksail cluster create --config ...</c>.</summary>
public sealed class KSailCommand : KSailTask
{
    /// <summary>The arguments, one per item.</summary>
    [Required]
    public ITaskItem[] Arguments { get; set; } = [];

    /// <summary>What ksail printed on standard output.</summary>
    [Output]
    public string Output { get; private set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var ok = Run(Arguments.Select(a => a.ItemSpec), out var output);
        Output = output;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Log.LogMessage(MessageImportance.High, line.TrimEnd());
        }

        return ok;
    }
}
