using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KSail.Core.Components;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Configuration.Model;
using KSail.Core.State;

namespace KSail.Core.Lifecycle;

/// <summary>What a change of the declared spec takes, in KSail's classes.</summary>
public enum ChangeClass
{
    /// <summary>Applied to the running cluster (components, KSail's own settings).</summary>
    InPlace,

    /// <summary>Applied by restarting the nodes.</summary>
    RebootRequired,

    /// <summary>Only a new cluster has it: delete and create again.</summary>
    RecreateRequired,
}

/// <summary>What applying an in-place change does.</summary>
public enum ChangeAction
{
    /// <summary>Nothing in the cluster changes; only the saved spec does (teardown, timeouts, workload settings).</summary>
    SaveOnly,

    /// <summary>Installs a component KSail.NET manages.</summary>
    Install,

    /// <summary>Uninstalls a component KSail.NET installed.</summary>
    Uninstall,

    /// <summary>Replaces one component by another (the GitOps engine): uninstall, then install.</summary>
    Replace,

    /// <summary>Adds or removes worker nodes (k3d agents) of the running cluster.</summary>
    ScaleWorkers,

    /// <summary>In place by KSail's classes, but applying it is not built in KSail.NET yet.</summary>
    NotBuilt,

    /// <summary>Not applied in place: the cluster must be recreated (or its nodes restarted).</summary>
    None,
}

/// <summary>One changed field of the declared spec.</summary>
/// <param name="Field">The field, as ksail.yaml or the native config names it (<c>spec.cluster.metricsServer</c>, <c>k3d.agents</c>).</param>
/// <param name="From">Its value when the cluster was created (or last updated).</param>
/// <param name="To">Its declared value now.</param>
/// <param name="Class">What the change takes.</param>
/// <param name="Action">What applying it does.</param>
/// <param name="Detail">What happens, in the user's words.</param>
public sealed record ClusterChange(string Field, string From, string To, ChangeClass Class, ChangeAction Action, string Detail)
{
    /// <summary>Whether <c>cluster update</c> applies it to the running cluster.</summary>
    public bool CanApply => Class == ChangeClass.InPlace && Action != ChangeAction.NotBuilt;

    /// <summary>Components to uninstall, in order.</summary>
    public IReadOnlyList<ComponentDefinition> Uninstall { get; init; } = [];

    /// <summary>Components to install, in order.</summary>
    public IReadOnlyList<ComponentDefinition> Install { get; init; } = [];
}

/// <summary>
/// The difference between a cluster's persisted spec (<see cref="ClusterStateStore"/>) and its
/// declaration now, each change classified as KSail classifies it: the distribution, provider,
/// control-plane count (kind control planes, k3d servers), node image, network and other native
/// settings need a new cluster; components, KSail's own settings, the k3d agent count and the kind
/// worker count change in place.
/// </summary>
public sealed class ClusterUpdatePlan
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // ksail.yaml fields of KSail's own that do not touch the cluster (connection: where the kubeconfig goes).
    private static readonly string[] SaveOnlyFields =
    [
        "spec.cluster.connection", "spec.cluster.teardown", "spec.cluster.timeouts", "spec.cluster.distributionConfig",
        "spec.workload", "spec.editor", "spec.chat", "apiVersion", "kind",
    ];

    // Components KSail installs that KSail.NET does not install yet.
    private static readonly string[] NotBuiltComponents =
    [
        "spec.cluster.certManager", "spec.cluster.policyEngine", "spec.cluster.cdi", "spec.cluster.imageVerification",
        "spec.cluster.sops", "spec.cluster.nodeAutoscaling", "spec.cluster.autoscaler",
    ];

    private const string NotSet = "(not set)";

    // What an unset field means, so spelling out the default is no change.
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["spec.cluster.provider"] = nameof(Provider.Docker),
        ["spec.cluster.cni"] = nameof(Cni.Default),
        ["spec.cluster.csi"] = nameof(Toggle.Default),
        ["spec.cluster.cdi"] = nameof(Toggle.Default),
        ["spec.cluster.metricsServer"] = nameof(Toggle.Default),
        ["spec.cluster.loadBalancer"] = nameof(Toggle.Default),
        ["spec.cluster.certManager"] = nameof(EnabledDisabled.Disabled),
        ["spec.cluster.policyEngine"] = nameof(PolicyEngine.None),
        ["spec.cluster.gitOpsEngine"] = nameof(GitOpsEngine.None),
    };

    private ClusterUpdatePlan(string cluster, IReadOnlyList<ClusterChange> changes)
    {
        Cluster = cluster;
        Changes = changes;
    }

    /// <summary>The cluster.</summary>
    public string Cluster { get; }

    /// <summary>The changes, in the order they are shown and applied.</summary>
    public IReadOnlyList<ClusterChange> Changes { get; }

    /// <summary>Nothing differs.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>Every change can be applied to the running cluster.</summary>
    public bool CanApplyAll => Changes.All(c => c.CanApply);

    /// <summary>Diffs the declaration <paramref name="desired"/> against the persisted spec <paramref name="persisted"/>.</summary>
    public static ClusterUpdatePlan Compute(ClusterState persisted, ClusterDefinition desired)
    {
        ArgumentNullException.ThrowIfNull(persisted);
        ArgumentNullException.ThrowIfNull(desired);
        var changes = new List<ClusterChange>();
        var recreate = (string field, string from, string to, string why) =>
            changes.Add(new ClusterChange(field, from, to, ChangeClass.RecreateRequired, ChangeAction.None, why));

        if (persisted.Distribution != desired.Distribution)
        {
            recreate("spec.cluster.distribution", persisted.Distribution.ToString(), desired.Distribution.ToString(), "another distribution is another cluster");
        }

        var before = Topology.Of(persisted.Distribution, persisted.Declared, persisted.Kind, persisted.K3d);
        var after = Topology.Of(desired.Distribution, desired.Declared, desired.Kind, desired.K3d);
        var distribution = Distributions.DistributionRegistry.For(desired.Distribution);
        var (controlPlanes, workers) = (distribution.ControlPlaneNodes, distribution.WorkerNodes);
        if (before.ControlPlanes != after.ControlPlanes)
        {
            recreate(controlPlanes, Count(before.ControlPlanes), Count(after.ControlPlanes), "the control plane is formed when the cluster is created");
        }

        if (before.Workers != after.Workers)
        {
            var more = after.Workers > before.Workers;
            changes.Add(new ClusterChange(workers, Count(before.Workers), Count(after.Workers), ChangeClass.InPlace, ChangeAction.ScaleWorkers,
                distribution.ScaleWorkersDetail(more, Math.Abs(after.Workers - before.Workers))));
        }

        if (!before.Images.Distinct().Order(StringComparer.Ordinal).SequenceEqual(after.Images.Distinct().Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            recreate("node image", string.Join(", ", before.Images.Distinct()), string.Join(", ", after.Images.Distinct()), "a node container cannot change its image");
        }

        var declaredBefore = Node(persisted.Declared);
        var declaredAfter = Node(desired.Declared);
        foreach (var (path, from, to) in Diff("", declaredBefore, declaredAfter))
        {
            var field = path;
            if (Defaults.TryGetValue(field, out var fallback) && (from == NotSet ? fallback : from) == (to == NotSet ? fallback : to))
            {
                continue; // unset and the default spelled out are the same
            }

            if (field is "spec.cluster.controlPlanes" or "spec.cluster.workers" or "spec.cluster.distribution" || SaveOnlyFields.Any(f => Under(field, f)))
            {
                if (SaveOnlyFields.Any(f => Under(field, f)) && !Under(field, "spec.cluster.connection"))
                {
                    changes.Add(new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.SaveOnly, "KSail.NET's own setting: saved, the cluster does not change"));
                }

                continue;
            }

            changes.Add(Classify(field, from, to, persisted, desired));
        }

        NativeChanges(persisted, desired, changes);
        return new ClusterUpdatePlan(desired.Name, changes);
    }

    private static ClusterChange Classify(string field, string from, string to, ClusterState persisted, ClusterDefinition desired)
    {
        var k3s = desired.Distribution == Distribution.K3s;
        switch (field)
        {
            case "spec.cluster.provider" or "spec.provider":
                return new ClusterChange(field, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "the nodes run on another provider");
            case "spec.cluster.csi":
                return ComponentToggle(field, from, to, ComponentCatalog.LocalPathProvisioner, k3s ? "K3s's built-in local-path-provisioner is disabled only when the server starts (--disable local-storage)" : null);
            case "spec.cluster.metricsServer":
                return ComponentToggle(field, from, to, ComponentCatalog.MetricsServer, k3s ? "K3s's built-in metrics-server is disabled only when the server starts (--disable metrics-server)" : string.Empty);
            case "spec.cluster.loadBalancer":
                return k3s
                    ? new ClusterChange(field, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "K3s's ServiceLB is set when the server starts (--disable servicelb)")
                    : new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.NotBuilt, "in place in KSail, but installing a load balancer is not built in KSail.NET yet");
            case "spec.cluster.gitOpsEngine":
                var uninstall = Engine(persisted.Declared.Spec?.Cluster?.GitOpsEngine);
                var install = Engine(desired.Declared.Spec?.Cluster?.GitOpsEngine);
                var action = (uninstall, install) switch
                {
                    (null, null) => ChangeAction.SaveOnly,
                    (null, _) => ChangeAction.Install,
                    (_, null) => ChangeAction.Uninstall,
                    _ => ChangeAction.Replace,
                };
                var what = string.Join(", then ", new[] { uninstall is null ? null : $"uninstall {uninstall.Name}", install is null ? null : $"install {install.Name} {install.Version} and bootstrap its sync objects" }.OfType<string>());
                return new ClusterChange(field, from, to, ChangeClass.InPlace, action, what.Length == 0 ? "nothing to install" : what)
                {
                    Uninstall = uninstall is null ? [] : [uninstall],
                    Install = install is null ? [] : [install],
                };
            default:
                if (NotBuiltComponents.Any(f => Under(field, f)))
                {
                    return new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.NotBuilt, "a component KSail installs in place; installing it is not built in KSail.NET yet");
                }

                // The CNI, the Kubernetes version, the local registry (its mirror is part of each
                // node's containerd config) and anything else KSail.NET does not change on a running cluster.
                return new ClusterChange(field, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "set when the nodes are created");
        }
    }

    private static ClusterChange ComponentToggle(string field, string from, string to, ComponentDefinition component, string? builtIn)
    {
        from = from == NotSet ? nameof(Toggle.Default) : from;
        to = to == NotSet ? nameof(Toggle.Default) : to;
        var wasInstalled = from == nameof(Toggle.Enabled);
        var isInstalled = to == nameof(Toggle.Enabled);
        if (wasInstalled && !isInstalled)
        {
            return new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.Uninstall, $"uninstall {component.Name}") { Uninstall = [component] };
        }

        if (isInstalled && !wasInstalled)
        {
            return new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.Install, $"install {component.Name} {component.Version}") { Install = [component] };
        }

        // Default <-> Disabled: the distribution's own component.
        return builtIn switch
        {
            null => new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.NotBuilt, "in place in KSail, but removing or restoring kind's default storage is not built in KSail.NET yet"),
            { Length: 0 } => new ClusterChange(field, from, to, ChangeClass.InPlace, ChangeAction.SaveOnly, "kind ships none either way: nothing to change in the cluster"),
            _ => new ClusterChange(field, from, to, ChangeClass.RecreateRequired, ChangeAction.None, builtIn),
        };
    }

    private static ComponentDefinition? Engine(GitOpsEngine? engine) => engine switch
    {
        GitOpsEngine.Flux => FluxComponent.Definition,
        GitOpsEngine.ArgoCD => ComponentCatalog.ArgoCd,
        _ => null,
    };

    private static void NativeChanges(ClusterState persisted, ClusterDefinition desired, List<ClusterChange> changes)
    {
        if (persisted.Distribution != desired.Distribution)
        {
            return; // the whole native config changes with it
        }

        if (desired.Distribution == Distribution.K3s)
        {
            var before = Node(persisted.K3d);
            var after = Node(Redact(desired.K3d));
            foreach (var name in new[] { "servers", "agents", "image", "metadata", "token" })
            {
                before?.AsObject().Remove(name);
                after?.AsObject().Remove(name);
            }

            foreach (var (path, from, to) in Diff("k3d", before, after))
            {
                var what = Under(path, "k3d.network") || Under(path, "k3d.subnet") || Under(path, "k3d.kubeAPI") || Under(path, "k3d.ports")
                    ? "network settings are set when the cluster is created"
                    : "k3d applies its config when it creates the nodes";
                changes.Add(new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, what));
            }

            return;
        }

        var kindBefore = Node(persisted.Kind);
        var kindAfter = Node(desired.Kind);
        var nodesBefore = kindBefore?["nodes"]?.AsArray();
        var nodesAfter = kindAfter?["nodes"]?.AsArray();
        (kindBefore as JsonObject)?.Remove("nodes");
        (kindAfter as JsonObject)?.Remove("nodes");
        (kindBefore as JsonObject)?.Remove("name");
        (kindAfter as JsonObject)?.Remove("name");
        foreach (var (path, from, to) in Diff("kind", kindBefore, kindAfter))
        {
            var what = Under(path, "kind.networking") ? "network settings are set when the cluster is created" : "kind applies its config when it creates the nodes";
            changes.Add(new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, what));
        }

        // Node settings other than role and image (mounts, ports, labels, patches) of the nodes both have.
        var shared = Math.Min(nodesBefore?.Count ?? 0, nodesAfter?.Count ?? 0);
        for (var i = 0; i < shared; i++)
        {
            var a = nodesBefore![i]!.DeepClone().AsObject();
            var b = nodesAfter![i]!.DeepClone().AsObject();
            foreach (var name in new[] { "role", "image" })
            {
                a.Remove(name);
                b.Remove(name);
            }

            foreach (var (path, from, to) in Diff($"kind.nodes[{i}]", a, b))
            {
                changes.Add(new ClusterChange(path, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "a node container's mounts, ports and settings are set when it is created"));
            }
        }
    }

    private static K3dSimpleConfig? Redact(K3dSimpleConfig? k3d)
    {
        if (k3d is null)
        {
            return null;
        }

        var copy = JsonSerializer.Deserialize<K3dSimpleConfig>(JsonSerializer.Serialize(k3d, Json), Json)!;
        if (copy.Token is not null)
        {
            copy.Token = ClusterStateStore.Redacted;
        }

        if (copy.Registries?.Create?.Proxy is { Password: not null } proxy)
        {
            proxy.Password = ClusterStateStore.Redacted;
        }

        return copy;
    }

    private static JsonNode? Node<T>(T? value)
        where T : class => value is null ? null : JsonSerializer.SerializeToNode(value, Json);

    private static bool Under(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[", StringComparison.Ordinal);

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The leaves that differ (objects by field; arrays and values as a whole).</summary>
    private static IEnumerable<(string Path, string From, string To)> Diff(string path, JsonNode? a, JsonNode? b)
    {
        if (a is JsonObject ao && b is JsonObject bo)
        {
            var names = ao.Select(p => p.Key).Union(bo.Select(p => p.Key), StringComparer.Ordinal).ToList();
            foreach (var name in names)
            {
                foreach (var change in Diff(path.Length == 0 ? name : $"{path}.{name}", ao[name], bo[name]))
                {
                    yield return change;
                }
            }

            yield break;
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            yield return (path, Show(a), Show(b));
        }
    }

    private static string Show(JsonNode? value) => value switch
    {
        null => NotSet,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(Json),
    };

    /// <summary>The nodes a spec declares: counts by role and the images of the nodes, in order.</summary>
    private sealed record Topology(int ControlPlanes, int Workers, IReadOnlyList<string> Images)
    {
        public static Topology Of(Distribution distribution, KSailClusterConfig declared, KindCluster? kind, K3dSimpleConfig? k3d)
        {
            var cluster = declared.Spec?.Cluster;
            if (distribution == Distribution.K3s)
            {
                var servers = k3d?.Servers ?? cluster?.ControlPlanes ?? 1;
                var agents = k3d?.Agents ?? cluster?.Workers ?? 0;
                return new Topology(servers, agents, [k3d?.Image ?? "(k3d's default)"]);
            }

            if (kind?.Nodes is { Count: > 0 } nodes)
            {
                return new Topology(
                    nodes.Count(n => (n.Role ?? "control-plane") == "control-plane"),
                    nodes.Count(n => n.Role == "worker"),
                    nodes.Select(n => n.Image ?? KindCluster.DefaultImage).ToList());
            }

            var controlPlanes = Math.Max(cluster?.ControlPlanes ?? 1, 1);
            var workers = Math.Max(cluster?.Workers ?? 0, 0);
            return new Topology(controlPlanes, workers, Enumerable.Repeat(KindCluster.DefaultImage, controlPlanes + workers).ToList());
        }
    }
}
