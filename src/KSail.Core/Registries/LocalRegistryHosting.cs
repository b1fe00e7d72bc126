using System.Text.Json.Nodes;

namespace KSail.Core.Registries;

/// <summary>
/// The ConfigMap of KEP-1755 ("Communicating a local registry"): <c>local-registry-hosting</c> in
/// <c>kube-public</c>, whose <c>localRegistryHosting.v1</c> tells in-cluster tools (Tilt, Skaffold, …)
/// where the cluster's local registry is: <c>host</c> as the host pushes to it, and the name the
/// container runtime and the cluster's Pods reach it at, as k3d writes it for a registry it runs.
/// </summary>
public static class LocalRegistryHosting
{
    /// <summary>The ConfigMap's name (KEP-1755).</summary>
    public const string Name = "local-registry-hosting";

    /// <summary>The ConfigMap's namespace (KEP-1755).</summary>
    public const string Namespace = "kube-public";

    /// <summary>The data key of version 1 of the content (KEP-1755).</summary>
    public const string Key = "localRegistryHosting.v1";

    /// <summary>The component name the ConfigMap is applied and labelled as.</summary>
    public const string Component = "local-registry-hosting";

    /// <summary>Where <c>help</c> points: the KEP that defines the ConfigMap.</summary>
    public const string Help = "https://github.com/kubernetes/enhancements/tree/master/keps/sig-cluster-lifecycle/generic/1755-communicating-a-local-registry";

    /// <summary>The <c>localRegistryHosting.v1</c> text for <paramref name="registry"/> (the local registry).</summary>
    public static string Content(RegistryContainer registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var inCluster = registry.NetworkHost;
        return $"""
            host: "{registry.Host}"
            hostFromContainerRuntime: "{inCluster}"
            hostFromClusterNetwork: "{inCluster}"
            help: "{Help}"

            """;
    }

    /// <summary>The ConfigMap for <paramref name="registry"/>.</summary>
    public static JsonObject ConfigMap(RegistryContainer registry) => ConfigMap(Content(registry));

    /// <summary>
    /// The ConfigMap around a <c>localRegistryHosting.v1</c> text: KSail's local registry's
    /// (<see cref="Content"/>), or the one k3d writes for a registry it created.
    /// </summary>
    public static JsonObject ConfigMap(string content) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
        ["data"] = new JsonObject { [Key] = content },
    };
}
