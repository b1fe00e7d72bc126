using KSail.Core.Configuration.Model;

namespace KSail.Core.Configuration;

/// <summary>The role a node container plays in a cluster.</summary>
public enum NodeRole
{
    /// <summary>Runs the Kubernetes control plane (a kind control-plane node, a k3d server).</summary>
    ControlPlane,

    /// <summary>Runs workloads only (a kind worker, a k3d agent).</summary>
    Worker,

    /// <summary>Balances the API server over several control planes (kind's external load balancer, k3d's serverlb).</summary>
    LoadBalancer,
}

/// <summary>One node container of the cluster, named as the distribution's tool names it.</summary>
/// <param name="Name">The container name, as the distribution's tool names its nodes.</param>
/// <param name="Role">What the node does.</param>
/// <param name="Image">The image it runs.</param>
public sealed record NodeDefinition(string Name, NodeRole Role, string Image);

/// <summary>A port published from a node to the host.</summary>
/// <param name="Node">The node container that publishes it.</param>
/// <param name="ListenAddress">The host address (0.0.0.0 for all).</param>
/// <param name="HostPort">The host port; 0 lets Docker choose a free one.</param>
/// <param name="ContainerPort">The port in the node.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Purpose">Why it is published (the Kubernetes API, or the user's mapping).</param>
/// <param name="DeclaredAt">Where the mapping is declared, when it is declared in a file.</param>
public sealed record PublishedPort(string Node, string ListenAddress, int HostPort, int ContainerPort, string Protocol, string Purpose, SourceLocation? DeclaredAt = null)
{
    /// <summary>
    /// The nodes a load balancer forwards the port to (k3d's proxied ports: the API to the servers,
    /// <c>loadbalancer</c> ports to every server and agent); empty when <see cref="Node"/> serves it itself.
    /// </summary>
    public IReadOnlyList<string> ProxiedTo { get; init; } = [];
}

/// <summary>The install phase of a component.</summary>
public enum ComponentPhase
{
    /// <summary>After the CNI is ready: CSI, metrics-server, load balancer, cert-manager, policy engine.</summary>
    Infrastructure = 1,

    /// <summary>After the stability check: the GitOps engine and its sources.</summary>
    GitOps = 2,
}

/// <summary>What a cluster gets for one component.</summary>
/// <param name="Phase">When it is installed.</param>
/// <param name="Component">The component, e.g. <c>CNI</c>.</param>
/// <param name="Setting">The setting in ksail.yaml, e.g. <c>Default</c>.</param>
/// <param name="Outcome">What that means for this distribution, e.g. <c>kindnetd (kind's default CNI)</c>.</param>
public sealed record ComponentChoice(ComponentPhase Phase, string Component, string Setting, string Outcome);

/// <summary>The component settings of ksail.yaml (after overrides), with KSail's defaults for those not set: what the engine acts on.</summary>
/// <param name="Cni">The CNI.</param>
/// <param name="Csi">CSI: Default keeps the distribution's own storage, Enabled installs KSail.NET's, Disabled none.</param>
/// <param name="MetricsServer">metrics-server, as <paramref name="Csi"/>.</param>
/// <param name="LoadBalancer">The Service load balancer, as <paramref name="Csi"/>.</param>
/// <param name="GitOpsEngine">The GitOps engine.</param>
public sealed record ComponentSettings(Cni Cni, Toggle Csi, Toggle MetricsServer, Toggle LoadBalancer, GitOpsEngine GitOpsEngine)
{
    /// <summary>The settings <paramref name="cluster"/> declares, defaults where it declares none.</summary>
    public static ComponentSettings Of(ClusterSpec? cluster) => new(
        cluster?.Cni ?? Cni.Default,
        cluster?.Csi ?? Toggle.Default,
        cluster?.MetricsServer ?? Toggle.Default,
        cluster?.LoadBalancer ?? Toggle.Default,
        cluster?.GitOpsEngine ?? GitOpsEngine.None);
}

/// <summary>The time limit of each lifecycle phase.</summary>
/// <param name="Provision">Creating nodes and bootstrapping Kubernetes.</param>
/// <param name="Components">Installing components.</param>
/// <param name="Stability">The stability check.</param>
/// <param name="GitOps">Waiting for GitOps to reconcile.</param>
/// <param name="Teardown">Deleting the cluster.</param>
/// <param name="StabilitySteps">The stability check's own step limits, where the declaration sets them.</param>
public sealed record PhaseTimeoutValues(TimeSpan Provision, TimeSpan Components, TimeSpan Stability, TimeSpan GitOps, TimeSpan Teardown, StabilityStepTimeouts? StabilitySteps = null)
{
    /// <summary>The limits used when the declaration sets none.</summary>
    public static PhaseTimeoutValues Defaults { get; } = new(
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));
}

/// <summary>The stability check's step limits a declaration sets (null: the check's default for that step).</summary>
/// <param name="ApiServer">The API server step.</param>
/// <param name="Nodes">The nodes step.</param>
/// <param name="DaemonSets">The kube-system DaemonSets step.</param>
/// <param name="ApiConnectivity">The in-cluster API connectivity step (Cilium).</param>
public sealed record StabilityStepTimeouts(TimeSpan? ApiServer, TimeSpan? Nodes, TimeSpan? DaemonSets, TimeSpan? ApiConnectivity);

/// <summary>
/// A validated cluster declaration with every default applied: what the engine creates. Built by
/// <see cref="ClusterConfigLoader"/> from ksail.yaml and the distribution's native config.
/// </summary>
public sealed class ClusterDefinition
{
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
    public required IReadOnlyList<PublishedPort> Ports { get; init; }

    /// <summary>The components, in install order, as plans show them.</summary>
    public required IReadOnlyList<ComponentChoice> Components { get; init; }

    /// <summary>The component settings the engine acts on.</summary>
    public ComponentSettings Settings => ComponentSettings.Of(Declared.Spec?.Cluster);

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

    /// <summary>Warnings about the declaration (fields that have no effect, and the like).</summary>
    public required IReadOnlyList<ConfigDiagnostic> Warnings { get; init; }

    /// <summary>The native config as the model <typeparamref name="T"/> of its distribution.</summary>
    /// <exception cref="InvalidOperationException">The native config is another distribution's.</exception>
    public T Native<T>()
        where T : class =>
        NativeSpec as T ?? throw new InvalidOperationException($"the {Distribution} cluster '{Name}' has a native config of type {NativeSpec.GetType().Name}, not {typeof(T).Name}");
}
