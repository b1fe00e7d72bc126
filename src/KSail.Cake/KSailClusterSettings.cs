using System.Globalization;
using Cake.Core.IO;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>
/// Which cluster a KSail alias means: a ksail.yaml plus the fields the script sets. Every field maps
/// onto a ksail.yaml path as the CLI's options do (<see cref="Workers"/> is <c>--workers</c>, i.e.
/// <c>spec.cluster.workers</c>); a field left null keeps what ksail.yaml, <c>KSAIL_*</c> variables or
/// the defaults say. Precedence: these settings &gt; <c>KSAIL_*</c> environment &gt; ksail.yaml &gt; defaults.
/// </summary>
/// <remarks>
/// The field settings (one per field of <see cref="ClusterFields.All"/>) are generated from the field
/// table into KSailClusterSettings.Generated.cs; this part holds the rest.
/// </remarks>
public sealed partial class KSailClusterSettings
{
    /// <summary>The ksail.yaml (default: the nearest one at or above <see cref="WorkingDirectory"/>).</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary>Where relative paths start and ksail.yaml is looked for (default: Cake's working directory).</summary>
    public DirectoryPath? WorkingDirectory { get; set; }

    /// <summary>Keep what was created when a step of the create fails, for debugging (the CLI's <c>--keep-on-failure</c>).</summary>
    public bool KeepOnFailure { get; set; }

    /// <summary>What a create does when a cluster of that name exists: refuse (default), reuse it, or recreate it.</summary>
    public ExistingClusterPolicy IfExists { get; set; }

    /// <summary>
    /// Pull-through mirrors a create runs, as the CLI's <c>--mirror-registry</c> names them:
    /// <c>[user:${PASSWORD_VARIABLE}@]host[=upstream]</c>, e.g. <c>docker.io</c>.
    /// </summary>
    public IList<string> MirrorRegistries { get; } = [];

    /// <summary>A delete also removes the volumes of the cluster's registries (the CLI's <c>--delete-storage</c>).</summary>
    public bool DeleteStorage { get; set; }

    /// <summary>
    /// Images from the host's Docker imported into every node once the cluster runs, before its
    /// components (nodes that have the same image ID are skipped; a reused cluster gets them too).
    /// </summary>
    public IList<string> Images { get; } = new List<string>();

    /// <summary>
    /// Where <c>KSailWorkloadPush</c> and <c>KSailWorkloadReconcile</c> push, <c>oci://host:port/repository[/variant]:ref</c>
    /// (the CLI's reference argument); every part is optional and found as the CLI finds it.
    /// </summary>
    public string? WorkloadReference { get; set; }

    /// <summary>The directory of manifests to push (the CLI's <c>--path</c>; default <c>spec.workload.sourceDirectory</c>, else <c>k8s</c>).</summary>
    public DirectoryPath? WorkloadPath { get; set; }

    /// <summary>The registry to push to, <c>[user:pass@]host[:port][/path]</c> (the CLI's <c>--registry</c>; else <c>KSAIL_REGISTRY</c>, else the cluster's local registry).</summary>
    public string? WorkloadRegistry { get; set; }

    /// <summary>How long <c>KSailWorkloadReconcile</c> waits for the GitOps engine to report the pushed revision (the CLI's <c>--timeout</c>; default <c>spec.cluster.timeouts.gitOps</c>).</summary>
    public TimeSpan? ReconcileTimeout { get; set; }

    /// <summary>Any other ksail.yaml field, by its dotted path (e.g. <c>spec.workload.sourceDirectory</c>), with its value as written in YAML.</summary>
    public IDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    // A field's value as written in ksail.yaml, by the field's type (null: not set); relative paths stay
    // relative, to be resolved from ksail.yaml's directory as the CLI's are.
    private static string? Yaml(string? value) => value;

    private static string? Yaml(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Yaml(FilePath? value) => value?.FullPath;

    private static string? Yaml(TimeSpan? value) => value is { } span ? GoDuration.Format(span) : null;
}
