using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;

namespace KSail.Core.Sessions;

/// <summary>How a test run wants its cluster.</summary>
public sealed record TestSessionOptions
{
    /// <summary>When the cluster is deleted after the run (default: the declaration's <c>spec.cluster.teardown</c>).</summary>
    public TeardownPolicy? Teardown { get; init; }

    /// <summary>
    /// Reuse a running cluster with the same spec hash, and keep the cluster after the run for the next
    /// one (a cluster with another spec is recreated). Off: a cluster of that name that exists already is refused.
    /// </summary>
    public bool Reuse { get; init; }

    /// <summary>Keep what was created when creation or readiness fails, for debugging.</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>The process taking part in the run (an MSBuild node, a test app).</summary>
    public int ParticipantProcessId { get; init; } = Environment.ProcessId;

    /// <summary>Starts the reapers that delete the cluster when the run dies without ending its session.</summary>
    public required IReaperLauncher Reaper { get; init; }

    /// <summary>How long to wait for another participant that holds the session (e.g. while it creates the cluster).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Images from the host's Docker imported into the cluster before the tests run (MSBuild's <c>KSailImage</c> items); nodes that have them are skipped.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];
}
