using KSail.Core.Configuration;

namespace KSail.Core.Lifecycle;

/// <summary>Which cluster a build-script call means: a ksail.yaml plus values set by the caller.</summary>
/// <remarks>
/// The build integrations (Cake, Nuke) turn their settings into one of these; precedence is the
/// CLI's: <see cref="Overrides"/> &gt; <c>KSAIL_*</c> environment &gt; file &gt; defaults.
/// </remarks>
public sealed record ClusterRequest
{
    /// <summary>The ksail.yaml; when null, the nearest one at or above <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where relative paths start and ksail.yaml is looked for.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The environment <c>KSAIL_*</c> values are read from (default: this process's).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = ClusterLoadOptions.ReadProcessEnvironment();

    /// <summary>ksail.yaml fields set by the caller, e.g. <c>spec.cluster.workers</c> = <c>2</c>.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>
    /// Pull-through mirrors to run, as KSail's <c>--mirror-registry</c> names them
    /// (<c>[user:${PASSWORD_VARIABLE}@]host[=upstream]</c>); empty for none.
    /// </summary>
    public IReadOnlyList<string> MirrorRegistries { get; init; } = [];

    /// <summary>On delete, also remove the volumes of the cluster's registries (KSail's <c>--delete-storage</c>).</summary>
    public bool DeleteStorage { get; init; }

    /// <summary>Keep what was created when a step fails, for debugging.</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>What to do when a cluster of the declared name exists already.</summary>
    public ExistingClusterPolicy IfExists { get; init; }

    /// <summary>Images from the host's Docker imported into the cluster once it runs, before its components (kept current on a reused cluster).</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>Reads and validates the declaration (throws <see cref="ConfigurationException"/> with file, line and column).</summary>
    public ClusterDefinition Load() => ClusterConfigLoader.Load(new ClusterLoadOptions
    {
        ConfigPath = ConfigPath,
        WorkingDirectory = WorkingDirectory,
        Environment = Environment,
        Overrides = Overrides,
        MirrorRegistries = MirrorRegistries,
    });
}
