using System.Text.Json;
using System.Text.Json.Serialization;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Kubeconfig;
using KSail.Core.Lifecycle;
using KSail.Core.Processes;
using KSail.Core.Providers;
using KSail.Core.Registries;
using KSail.Core.State;

namespace KSail.Core.Sessions;

/// <summary>
/// One cluster shared by every participant of a test run (the MSBuild nodes or Testing Platform test
/// apps of one <c>dotnet test</c>, found with <see cref="ProcessTree"/>): the first creates or reuses
/// it, the others join, and the last one out applies the teardown policy. State lives in
/// <c>~/.ksail/sessions/&lt;cluster&gt;/</c> behind a file lock. A reaper watches the run, so a
/// killed or interrupted run still tears down (unless the policy keeps the cluster).
/// </summary>
public sealed class TestSession
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IProvider provider;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly ClusterStateStore state;

    /// <summary>Creates the session coordinator on a provider (see <see cref="ProviderFactory"/>).</summary>
    public TestSession(IProvider provider, IProgress<ProgressEvent>? progress = null, ClusterStateStore? state = null, string? root = null)
    {
        this.provider = provider;
        this.progress = progress;
        this.state = state ?? new ClusterStateStore();
        Root = root ?? DefaultRoot;
    }

    /// <summary>Where sessions live by default: <c>~/.ksail/sessions</c>.</summary>
    public static string DefaultRoot => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "sessions");

    /// <summary>The directory holding one folder per cluster.</summary>
    public string Root { get; }

    /// <summary>
    /// The kubeconfig file a test run of <paramref name="clusterName"/> uses (pass it as the
    /// declaration's kubeconfig, so the user's own kubeconfig is not touched by test runs).
    /// </summary>
    public static string KubeconfigPathFor(string clusterName, string? root = null) => Path.Combine(root ?? DefaultRoot, clusterName, "kubeconfig");

    /// <summary>Joins the run's session, creating or reusing the cluster when this participant is the first.</summary>
    public async Task<TestSessionHandle> StartAsync(ClusterDefinition cluster, TestSessionOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var participant = ProcessIdentity.Of(options.ParticipantProcessId)
            ?? throw new ProvisioningException($"the test process {options.ParticipantProcessId} is gone");
        var runProcess = ProcessTree.FindTestRunRoot(options.ParticipantProcessId);
        var run = ProcessIdentity.Of(runProcess) ?? participant;
        var id = $"{participant.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

        using var held = await LockAsync(cluster.Name, options.LockTimeout, ct).ConfigureAwait(false);
        var record = Load(cluster.Name);
        if (record is not null && record.Run.IsAlive() && record.Run.Is(run))
        {
            record.Participants.Add(new Participant(id, participant, ParticipantState.Active));
            Save(record);
            progress?.Report(new ProgressEvent("test session", $"joined the run's cluster {cluster.Name} (context {record.ContextName})"));
            return new TestSessionHandle(cluster.Name, id, record.KubeconfigPath, record.ContextName, record.Server, record.Reused, Joined: true, record.Teardown, LocalRegistryOf(cluster));
        }

        // A session of a run that is gone was torn down by its reaper (or kept by its policy).
        var teardown = options.Teardown ?? (options.Reuse ? TeardownPolicy.Never : cluster.Teardown);
        var lifecycle = new ClusterLifecycle(provider, progress, state);
        var existing = (await lifecycle.ListAsync(ct).ConfigureAwait(false)).Any(c => c.Name == cluster.Name);
        var ifExists = ExistingClusterPolicy.Refuse;
        if (existing && options.Reuse)
        {
            var hash = ClusterStateStore.HashOf(cluster);
            if (state.Load(cluster.Name)?.SpecHash == hash)
            {
                ifExists = ExistingClusterPolicy.Reuse;
            }
            else
            {
                progress?.Report(new ProgressEvent("test session", $"the running cluster {cluster.Name} was created from another spec; recreating it"));
                ifExists = ExistingClusterPolicy.Recreate;
            }
        }

        var created = await lifecycle.CreateAsync(cluster, new CreateOptions { IfExists = ifExists, KeepOnFailure = options.KeepOnFailure, Reaper = options.Reaper, Images = options.Images }, ct).ConfigureAwait(false);
        var reused = ifExists == ExistingClusterPolicy.Reuse;
        if (reused)
        {
            // Reused means healthy: the same stability check a new cluster passes (fast on a healthy one).
            using var client = Kubeconfigs.CreateClient(created.Kubeconfig);
            // One healthy /readyz is enough for an API server that has been up (three in a row guard a fresh one).
            await new Readiness.ClusterStabilityCheck(client, Readiness.StabilityOptions.For(cluster) with { RequiredHealthyChecks = 1 }, progress).CheckAsync(ct).ConfigureAwait(false);
        }

        // The run's reaper: a run that dies without ending its session still tears down (Always and
        // OnSuccess: an interrupted run did not succeed, but it leaves nothing behind unless the policy is Never).
        ReaperOrder? reaper = teardown == TeardownPolicy.Never
            ? null
            : Reaper.Arm(options.Reaper, cluster.Name, cluster.KubeconfigPath, run.ProcessId, run.StartTime);
        record = new SessionRecord
        {
            Cluster = cluster.Name,
            Run = run,
            Teardown = teardown,
            Reused = reused,
            KubeconfigPath = cluster.KubeconfigPath,
            ContextName = created.ContextName,
            Server = created.Server,
            DisarmFile = reaper?.DisarmFile,
            Participants = [new Participant(id, participant, ParticipantState.Active)],
        };
        Save(record);
        progress?.Report(new ProgressEvent("test session", $"cluster {cluster.Name} is ready for the tests (teardown: {teardown})"));
        return new TestSessionHandle(cluster.Name, id, record.KubeconfigPath, record.ContextName, record.Server, reused, Joined: false, teardown, LocalRegistryOf(cluster));
    }

    /// <summary>
    /// Ends a participant's part. When no participant is left and the run is over (<paramref name="runEnds"/>,
    /// or the participant is the run itself), the teardown policy is applied now; otherwise the run may
    /// still start participants, and the run's reaper applies it when the run exits.
    /// </summary>
    /// <returns>The deleted resources, if the cluster was torn down now.</returns>
    public async Task<IReadOnlyList<string>> EndAsync(string clusterName, string participantId, TestOutcome outcome, bool runEnds = false, CancellationToken ct = default)
    {
        using var held = await LockAsync(clusterName, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
        var record = Load(clusterName);
        var index = record?.Participants.FindIndex(p => p.Id == participantId) ?? -1;
        if (record is null || index < 0)
        {
            progress?.Report(new ProgressEvent("test session", $"no session of {clusterName} with participant {participantId}; nothing to end"));
            return [];
        }

        var self = record.Participants[index];
        record.Participants[index] = self with { State = outcome == TestOutcome.Passed ? ParticipantState.Passed : ParticipantState.Failed };
        for (var i = 0; i < record.Participants.Count; i++)
        {
            if (record.Participants[i] is { State: ParticipantState.Active } p && !p.Process.IsAlive())
            {
                record.Participants[i] = p with { State = ParticipantState.Failed };
            }
        }

        var failed = record.Participants.Exists(p => p.State == ParticipantState.Failed);
        var keep = record.Teardown == TeardownPolicy.Never || (record.Teardown == TeardownPolicy.OnSuccess && failed);
        if (keep && record.DisarmFile is { } disarm)
        {
            // The run's reaper must not delete a cluster the policy keeps.
            Reaper.Disarm(new ReaperOrder(clusterName, record.Run.ProcessId, record.Run.StartTime, disarm, null));
        }

        if (record.Participants.Exists(p => p.State == ParticipantState.Active) || !(runEnds || record.Run.Is(self.Process)))
        {
            Save(record);
            return [];
        }

        Forget(clusterName);
        if (keep)
        {
            progress?.Report(new ProgressEvent("teardown", $"keeping {clusterName} (teardown: {record.Teardown}{(failed ? ", the run failed" : string.Empty)})"));
            return [];
        }

        progress?.Report(new ProgressEvent("teardown", $"deleting {clusterName} (teardown: {record.Teardown})"));
        var deleted = await new ClusterLifecycle(provider, progress, state).DeleteAsync(clusterName, record.KubeconfigPath, ct).ConfigureAwait(false);
        if (record.DisarmFile is { } done)
        {
            Reaper.Disarm(new ReaperOrder(clusterName, record.Run.ProcessId, record.Run.StartTime, done, null));
        }

        return deleted;
    }

    // The local registry the create ran beside the nodes (published on the port its host names), as the host pushes to it.
    private static string? LocalRegistryOf(ClusterDefinition cluster) =>
        cluster.Registries.FirstOrDefault(r => r.Role == RegistryContainer.LocalRegistryRole)?.Host;

    private string FileOf(string clusterName) => Path.Combine(Root, clusterName, "session.json");

    private SessionRecord? Load(string clusterName)
    {
        var path = FileOf(clusterName);
        return File.Exists(path) ? JsonSerializer.Deserialize<SessionRecord>(File.ReadAllText(path), Json) : null;
    }

    private void Save(SessionRecord record) => Kubeconfigs.WriteAtomically(FileOf(record.Cluster), JsonSerializer.Serialize(record, Json));

    private void Forget(string clusterName) => File.Delete(FileOf(clusterName));

    private async Task<FileStream> LockAsync(string clusterName, TimeSpan timeout, CancellationToken ct)
    {
        var directory = Path.Combine(Root, clusterName);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                // Released by the operating system when the holder dies, so a crash never leaves it locked.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                if (!told)
                {
                    progress?.Report(new ProgressEvent("test session", $"waiting for another test process that holds the session of {clusterName}"));
                    told = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            }
        }
    }

    private enum ParticipantState
    {
        Active,
        Passed,
        Failed,
    }

    private sealed record Participant(string Id, ProcessIdentity Process, ParticipantState State);

    private sealed class SessionRecord
    {
        public required string Cluster { get; init; }

        public required ProcessIdentity Run { get; init; }

        public required TeardownPolicy Teardown { get; init; }

        public required bool Reused { get; init; }

        public required string KubeconfigPath { get; init; }

        public required string ContextName { get; init; }

        public required Uri Server { get; init; }

        public string? DisarmFile { get; init; }

        public required List<Participant> Participants { get; init; }
    }
}
