using KSail.Core.Providers;
using KSail.Core.Configuration;
using KSail.Core.Sessions;

namespace KSail.Core.Lifecycle;

/// <content>The test sessions of <c>ksail test</c> and of the build integration (<c>ksail __session</c>).</content>
public static partial class ClusterOperations
{
    /// <summary>The kubeconfig file a test session of cluster <paramref name="clusterName"/> writes (never the user's ~/.kube/config).</summary>
    public static string TestSessionKubeconfigPath(string clusterName) => TestSession.KubeconfigPathFor(clusterName);

    /// <summary>Joins the test run's session: creates or reuses the cluster, or joins the run's cluster.</summary>
    public static async Task<TestSessionHandle> StartTestSessionAsync(ClusterDefinition cluster, TestSessionOptions options, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        using var docker = await ConnectAsync(cluster.Provider, progress, ct).ConfigureAwait(false);
        return await new TestSession(docker, progress).StartAsync(cluster, options, ct).ConfigureAwait(false);
    }

    /// <summary>Ends a participant's part; the last one out applies the teardown policy. Returns what was deleted.</summary>
    public static async Task<IReadOnlyList<string>> EndTestSessionAsync(string clusterName, string participantId, TestOutcome outcome, bool runEnds = false, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clusterName);
        ArgumentNullException.ThrowIfNull(participantId);
        using var docker = await ConnectAsync(ProviderFactory.DefaultProvider, progress, ct).ConfigureAwait(false);
        return await new TestSession(docker, progress).EndAsync(clusterName, participantId, outcome, runEnds, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A whole test run in one session (<c>ksail test</c>): starts the session, runs
    /// <paramref name="run"/> with it, and ends the run with the outcome <paramref name="run"/> gives,
    /// or <see cref="TestOutcome.Failed"/> when it throws or is cancelled. The end is not cancellable:
    /// the teardown policy is applied whatever happens.
    /// </summary>
    public static async Task<T> WithTestSessionAsync<T>(
        ClusterDefinition cluster,
        TestSessionOptions options,
        Func<TestSessionHandle, CancellationToken, Task<(T Result, TestOutcome Outcome)>> run,
        IProgress<ProgressEvent>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        using var docker = await ConnectAsync(cluster.Provider, progress, ct).ConfigureAwait(false);
        var session = new TestSession(docker, progress);
        var handle = await session.StartAsync(cluster, options, ct).ConfigureAwait(false);
        var outcome = TestOutcome.Failed;
        try
        {
            var (result, ended) = await run(handle, ct).ConfigureAwait(false);
            outcome = ended;
            return result;
        }
        finally
        {
            await session.EndAsync(handle.ClusterName, handle.ParticipantId, outcome, runEnds: true, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
