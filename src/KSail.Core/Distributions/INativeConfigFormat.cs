using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Distributions;

/// <summary>What a distribution's own components are, where ksail.yaml leaves a component at Default.</summary>
/// <param name="Cni">The CNI it ships.</param>
/// <param name="Csi">The storage it ships.</param>
/// <param name="MetricsServer">Its metrics-server, or none.</param>
/// <param name="LoadBalancer">Its Service load balancer, or none.</param>
public sealed record BuiltInComponents(string Cni, string Csi, string MetricsServer, string LoadBalancer);

/// <summary>
/// A distribution's native config (kind.yaml, k3d.yaml): how it is named and recognised, read,
/// checked, and resolved into the cluster's nodes and ports. The loader reads ksail.yaml and asks
/// this for the rest, so the tool's rules live in the distribution's folder.
/// </summary>
public interface INativeConfigFormat
{
    /// <summary>The file used when ksail.yaml names none (<c>kind.yaml</c>); when it does not exist, the defaults apply.</summary>
    string DefaultFile { get; }

    /// <summary>The apiVersion read (<c>kind.x-k8s.io/v1alpha4</c>).</summary>
    string ApiVersion { get; }

    /// <summary>The kind of the document (<c>Cluster</c>, <c>Simple</c>).</summary>
    string Kind { get; }

    /// <summary>The start every apiVersion of the tool's configs has (<c>kind.x-k8s.io/</c>), to recognise a config of another version or distribution.</summary>
    string ApiVersionGroup { get; }

    /// <summary>How an older version of the config is converted, for the error that names it.</summary>
    string ConvertHint { get; }

    /// <summary>The cluster name when neither ksail.yaml nor the config names one (kind's <c>kind</c>, k3d's <c>k3s-default</c>).</summary>
    string DefaultName { get; }

    /// <summary>The model with the tool's defaults, for a cluster without a config file.</summary>
    object Defaults();

    /// <summary>Reads the document into the model.</summary>
    object Read(NativeYaml yaml);

    /// <summary>The tool's own rules for the config's values; every problem goes to <paramref name="context"/>.</summary>
    void Check(NativeConfig native, NativeConfigContext context);

    /// <summary>The cluster name the config declares, and its path there.</summary>
    (string? Name, string Path) DeclaredName(NativeConfig native);

    /// <summary>Why <paramref name="name"/> (a valid DNS label) is too long for the tool's names, or null when it fits.</summary>
    string? NameProblem(string name);

    /// <summary>The node containers, named as the tool names them, control planes first (a load balancer may come first).</summary>
    IReadOnlyList<NodeDefinition> Nodes(string name, NativeConfig native, ClusterSpec? cluster, NativeConfigContext context);

    /// <summary>The ports published to the host, the Kubernetes API first.</summary>
    IReadOnlyList<PublishedPort> Ports(string name, NativeConfig native, IReadOnlyList<NodeDefinition> nodes);

    /// <summary>The Docker network the nodes join.</summary>
    string Network(string name, NativeConfig native);

    /// <summary>
    /// The rule between <c>spec.cluster.cni</c> and the distribution's own CNI: never two. None is allowed:
    /// with <c>spec.cluster.cni: Default</c> and the distribution's CNI turned off (<see cref="CniDisabledBy"/>)
    /// the user brings their own after create, as kind and k3d allow.
    /// </summary>
    void CheckCni(Cni cni, NativeConfig native, NativeConfigContext context);

    /// <summary>
    /// The setting of the native config <paramref name="model"/> that turns the distribution's own CNI off
    /// (kind's <c>networking.disableDefaultCNI: true</c>, k3s's <c>--flannel-backend=none</c>), or null when it keeps it.
    /// </summary>
    string? CniDisabledBy(object model);

    /// <summary>The distribution's own components.</summary>
    BuiltInComponents BuiltIns { get; }

    /// <summary>
    /// The field of the saved spec (<c>~/.ksail/clusters/&lt;name&gt;/spec.json</c>) that holds the
    /// config, named after the tool (<c>kind</c>, <c>k3d</c>); its hash uses the same name.
    /// </summary>
    string StateKey { get; }

    /// <summary>The config with its secrets (tokens, passwords) replaced by <see cref="State.ClusterStateStore.Redacted"/>, as the saved spec and plans keep it; <paramref name="model"/> itself is left as it is.</summary>
    object Redacted(object model);

    /// <summary>What is done with each field of the config: acted on, or warned about as having no effect (see <see cref="FieldUse"/>).</summary>
    FieldUse Fields { get; }

    /// <summary>The config <c>ksail project init</c> writes: cluster <paramref name="name"/> with one control plane and <paramref name="workers"/> workers.</summary>
    string Template(string name, int workers);
}
