namespace KSail.Core.Lifecycle;

/// <summary>How a create behaves around failures.</summary>
public sealed record CreateOptions
{
    /// <summary>Keep what was created when a step fails, for debugging (kind's <c>--retain</c>).</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>Labels added to every resource (e.g. to mark a test run's resources).</summary>
    public IReadOnlyDictionary<string, string> ExtraLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Starts a reaper that deletes the cluster if this process dies before the cluster is handed over; null for none.</summary>
    public IReaperLauncher? Reaper { get; init; }

    /// <summary>Delete the cluster this long after it was created, whatever happens (needs <see cref="Reaper"/>).</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>The cluster exists for this process's run: the reaper deletes it when the process exits, even normally.</summary>
    public bool DeleteWhenOwnerExits { get; init; }

    /// <summary>What to do when a cluster of the same name exists already (default: refuse).</summary>
    public ExistingClusterPolicy IfExists { get; init; }

    /// <summary>
    /// Images from the host's Docker imported into every node once the cluster runs, before the
    /// components (skipped on nodes that have the same image ID); on a reused cluster too, so the
    /// images of a rebuilt app are current. The MSBuild items <c>KSailImage</c>, Cake's and NUKE's <c>Images</c>.
    /// </summary>
    public IReadOnlyList<string> Images { get; init; } = [];
}
