using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <summary>
/// A validated cluster declaration with every default applied: what the engine creates. Built by
/// <see cref="ClusterConfigLoader"/> from ksail.yaml and the distribution's native config.
/// </summary>
public sealed class ClusterDefinition
{
    private IReadOnlyList<PublishedPort> ports = [];

    /// <summary>The cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>The Kubernetes distribution.</summary>
    public required Distribution Distribution { get; init; }

    /// <summary>Where the nodes run.</summary>
    public required Provider Provider { get; init; }

    /// <summary>The ksail.yaml the declaration was read from (full path).</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The native config file (full path), or null when its defaults are used because none exists.</summary>
    public string? DistributionConfigFile { get; init; }

    /// <summary>The kubeconfig context, as the distribution's tool names it (<see cref="Distributions.IDistribution.ContextName"/>).</summary>
    public required string ContextName { get; init; }

    /// <summary>The kubeconfig file the cluster's context is written to.</summary>
    public required string KubeconfigPath { get; init; }

    /// <summary>The overall time limit of an operation (<c>spec.cluster.connection.timeout</c>), if set.</summary>
    public TimeSpan? OperationTimeout { get; init; }

    /// <summary>The Docker network the nodes join.</summary>
    public required string Network { get; init; }

    /// <summary>The node containers, control planes first.</summary>
    public required IReadOnlyList<NodeDefinition> Nodes { get; init; }

    /// <summary>Ports published to the host, the Kubernetes API first.</summary>
    public required IReadOnlyList<PublishedPort> Ports { get => ports; init => ports = value; }

    /// <summary>The components, in install order, as plans show them.</summary>
    public required IReadOnlyList<ComponentChoice> Components { get; init; }

    /// <summary>The component settings the engine acts on.</summary>
    public ComponentSettings Settings => ComponentSettings.Of(Declared.Spec?.Cluster);

    /// <summary>
    /// The native config's setting that leaves the cluster without a CNI (kind's
    /// <c>networking.disableDefaultCNI: true</c>, k3s's <c>--flannel-backend=none</c>, with
    /// <c>spec.cluster.cni: Default</c>): the user brings their own after create. Null when the cluster has one.
    /// </summary>
    public string? CniDisabledBy =>
        Settings.Cni == Cni.Default ? Distributions.DistributionRegistry.Find(Distribution)?.Config.CniDisabledBy(NativeSpec) : null;

    /// <summary>Time limit of each phase.</summary>
    public required PhaseTimeoutValues Timeouts { get; init; }

    /// <summary>What happens to the cluster when the run that created it ends.</summary>
    public required TeardownPolicy Teardown { get; init; }

    /// <summary>The directory of the cluster's manifests (full path).</summary>
    public required string SourceDirectory { get; init; }

    /// <summary>
    /// The distribution's native config as its own model (kind.yaml's, k3d.yaml's), or that model's
    /// defaults when no file exists. Its distribution reads it with <see cref="Native{T}"/>.
    /// </summary>
    public required object NativeSpec { get; init; }

    /// <summary>The declaration as written in ksail.yaml, after overrides.</summary>
    public required KSailClusterConfig Declared { get; init; }

    /// <summary>The proxy settings of the environment the declaration was loaded in, which kind passes to its nodes.</summary>
    public Distributions.NodeProxyEnvironment Proxy { get; init; } = Distributions.NodeProxyEnvironment.None;

    /// <summary>
    /// The registries the nodes pull through (the local registry, pull-through mirrors), written into
    /// each node in its distribution's form before Kubernetes starts; empty when there are none.
    /// </summary>
    public IReadOnlyList<NodeRegistryMirror> RegistryMirrors { get; init; } = [];

    /// <summary>
    /// The registry containers run beside the nodes, on the cluster's network: the local registry
    /// (<c>spec.cluster.localRegistry.registry</c> on this machine) and the pull-through mirrors
    /// (<c>--mirror-registry</c>); empty when there are none.
    /// </summary>
    public IReadOnlyList<KSail.Core.Registries.RegistryContainer> Registries { get; init; } = [];

    /// <summary>
    /// The image archive imported into every node after create, before the components
    /// (<c>spec.cluster.importImages</c>, full path); null when none is declared.
    /// </summary>
    public string? ImportImages { get; init; }

    /// <summary>Where <see cref="ImportImages"/> is declared (ksail.yaml's line, or the argument or variable that set it).</summary>
    public SourceLocation? ImportImagesAt { get; init; }

    /// <summary>Warnings about the declaration (fields that have no effect, and the like).</summary>
    public required IReadOnlyList<ConfigDiagnostic> Warnings { get; init; }

    /// <summary>
    /// The same definition with other published ports (host ports picked at create); the declaration,
    /// the native config and so the saved spec and its hash are the same.
    /// </summary>
    public ClusterDefinition WithPorts(IReadOnlyList<PublishedPort> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var copy = (ClusterDefinition)MemberwiseClone();
        copy.ports = published;
        return copy;
    }

    /// <summary>The native config as the model <typeparamref name="T"/> of its distribution.</summary>
    /// <exception cref="InvalidOperationException">The native config is another distribution's.</exception>
    public T Native<T>()
        where T : class =>
        NativeSpec as T ?? throw new InvalidOperationException($"the {Distribution} cluster '{Name}' has a native config of type {NativeSpec.GetType().Name}, not {typeof(T).Name}");
}
