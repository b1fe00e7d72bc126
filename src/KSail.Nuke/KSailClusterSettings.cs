using System.Collections.Immutable;
using System.Globalization;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;

namespace KSail.Nuke;

/// <summary>
/// Which cluster a <see cref="KSailTasks"/> call means: a ksail.yaml plus the values a NUKE target
/// sets, in NUKE's style: immutable, changed with the <c>Set…</c>/<c>Reset…</c> extensions of
/// <see cref="KSailClusterSettingsExtensions"/>, each returning a changed copy.
/// </summary>
/// <remarks>
/// A value left unset (null) is taken from <c>KSAIL_*</c> environment variables, then ksail.yaml,
/// then KSail's defaults; a value set here wins over all of them, as a <c>ksail cluster create</c>
/// option does. Each named value sets the ksail.yaml path the CLI's option of the same name sets: one
/// per field of <see cref="ClusterFields.All"/>, generated from the field table into
/// KSailClusterSettings.Generated.cs; this part holds the rest.
/// </remarks>
public sealed partial record KSailClusterSettings
{
    /// <summary>The ksail.yaml (relative to <see cref="WorkingDirectory"/>); when null, the nearest one at or above <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where relative paths start and ksail.yaml is looked for (default: the current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The environment <c>KSAIL_*</c> values are read from (default: this process's).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Any other ksail.yaml fields by dotted path, e.g. <c>spec.workload.sourceDirectory</c>; a named setting of the same path wins.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Keep what was created when a step of <see cref="KSailTasks.KSailClusterCreate(KSailClusterSettings?)"/> fails, for debugging.</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>What <see cref="KSailTasks.KSailClusterCreate(KSailClusterSettings?)"/> does when a cluster of that name exists: refuse (default), reuse it, or recreate it.</summary>
    public ExistingClusterPolicy IfExists { get; init; }

    /// <summary>
    /// Pull-through mirrors <see cref="KSailTasks.KSailClusterCreate(KSailClusterSettings?)"/> runs, as
    /// the CLI's <c>--mirror-registry</c> names them: <c>[user:${PASSWORD_VARIABLE}@]host[=upstream]</c>.
    /// </summary>
    public ImmutableArray<string> MirrorRegistries { get; init; } = [];

    /// <summary>A delete also removes the volumes of the cluster's registries (the CLI's <c>--delete-storage</c>).</summary>
    public bool DeleteStorage { get; init; }

    /// <summary>
    /// Images from the host's Docker imported into every node once the cluster runs, before its
    /// components (nodes that have the same image ID are skipped; a reused cluster gets them too).
    /// </summary>
    public IReadOnlyList<string> Images { get; init; } = ImmutableList<string>.Empty;

    /// <summary>
    /// The file <see cref="KSailTasks.KSailKubeconfig(KSailClusterSettings?)"/> writes the cluster's
    /// kubeconfig to, alone (mode 0600); when null, it is merged into the declaration's kubeconfig.
    /// </summary>
    public string? KubeconfigOutput { get; init; }

    /// <summary>
    /// Where <see cref="KSailTasks.KSailWorkloadPush(KSailClusterSettings?)"/> and
    /// <see cref="KSailTasks.KSailWorkloadReconcile(KSailClusterSettings?)"/> push,
    /// <c>oci://host:port/repository[/variant]:ref</c> (the CLI's reference argument); every part is optional.
    /// </summary>
    public string? WorkloadReference { get; init; }

    /// <summary>The directory of manifests to push, relative to <see cref="WorkingDirectory"/> (the CLI's <c>--path</c>; default <c>spec.workload.sourceDirectory</c>, else <c>k8s</c>).</summary>
    public string? WorkloadPath { get; init; }

    /// <summary>The registry to push to, <c>[user:pass@]host[:port][/path]</c> (the CLI's <c>--registry</c>; else <c>KSAIL_REGISTRY</c>, else the cluster's local registry).</summary>
    public string? WorkloadRegistry { get; init; }

    /// <summary>How long <see cref="KSailTasks.KSailWorkloadReconcile(KSailClusterSettings?)"/> waits for the GitOps engine to report the pushed revision (the CLI's <c>--timeout</c>; default <c>spec.cluster.timeouts.gitOps</c>).</summary>
    public TimeSpan? ReconcileTimeout { get; init; }

    /// <summary>The push these settings ask for, as the CLI's options map (a relative path from <see cref="WorkingDirectory"/>).</summary>
    public KSail.Core.Workloads.WorkloadPushOptions ToPushOptions() => new(
        WorkloadReference,
        WorkloadPath is null ? null : Path.GetFullPath(WorkloadPath, Path.GetFullPath(WorkingDirectory ?? Directory.GetCurrentDirectory())),
        WorkloadRegistry);

    /// <summary>The reconcile these settings ask for: <see cref="ToPushOptions"/> and <see cref="ReconcileTimeout"/>.</summary>
    public KSail.Core.Workloads.WorkloadReconcileOptions ToReconcileOptions() => new(ToPushOptions(), ReconcileTimeout);

    /// <summary>The engine's request these settings stand for: the named settings as ksail.yaml overrides.</summary>
    public ClusterRequest ToRequest()
    {
        var request = new ClusterRequest
        {
            ConfigPath = ConfigPath,
            Overrides = Overrides(),
            KeepOnFailure = KeepOnFailure,
            IfExists = IfExists,
            MirrorRegistries = MirrorRegistries,
            DeleteStorage = DeleteStorage,
            Images = Images,
        };
        if (WorkingDirectory is not null)
        {
            request = request with { WorkingDirectory = Path.GetFullPath(WorkingDirectory) };
        }

        if (Environment is not null)
        {
            request = request with { Environment = Environment };
        }

        return request;
    }

    /// <summary>The ksail.yaml overrides, named by the extension that sets them (e.g. <c>SetWorkers</c>) for messages.</summary>
    private List<ConfigOverride> Overrides()
    {
        var overrides = Fields.Select(f => ConfigOverride.FromArgument(f.Key, f.Value, $"SetField({f.Key})")).ToList();
        overrides.AddRange(FieldValues()
            .Where(f => f.Value is not null)
            .Select(f => ConfigOverride.FromArgument(f.Path, Convert.ToString(f.Value, CultureInfo.InvariantCulture)!, f.Setter)));
        return overrides;
    }
}
