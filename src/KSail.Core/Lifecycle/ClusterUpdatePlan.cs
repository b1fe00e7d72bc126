using System.Text.Json;
using KSail.Core.Components;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.State;

namespace KSail.Core.Lifecycle;

/// <summary>
/// The difference between a cluster's persisted spec (<see cref="ClusterStateStore"/>) and its
/// declaration now, each change classified as KSail classifies it: the distribution, provider,
/// control-plane count (kind control planes, k3d servers), node image, network and other native
/// settings need a new cluster; components, KSail's own settings, the k3d agent count and the kind
/// worker count change in place.
/// </summary>
public sealed class ClusterUpdatePlan
{
    // ksail.yaml fields of KSail's own that do not touch the cluster (connection: where the kubeconfig goes;
    // importImages: imported at create only, 'ksail workload import' imports into a running cluster).
    private static readonly string[] SaveOnlyFields =
    [
        "spec.cluster.connection", "spec.cluster.teardown", "spec.cluster.timeouts", "spec.cluster.distributionConfig", "spec.cluster.importImages",
        "spec.workload", "spec.editor", "spec.chat", "apiVersion", "kind",
    ];

    // Components KSail installs that KSail.NET does not install yet.
    private static readonly string[] NotBuiltComponents =
    [
        "spec.cluster.certManager", "spec.cluster.policyEngine", "spec.cluster.cdi", "spec.cluster.imageVerification",
        "spec.cluster.sops", "spec.cluster.nodeAutoscaling", "spec.cluster.autoscaler",
    ];

    private const string NotSet = SpecDiff.NotSet;

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

        var distribution = DistributionRegistry.For(desired.Distribution);
        var rules = distribution.UpdateRules;
        var saved = persisted.Native;
        var nativeAfter = ClusterStateStore.NativeNode(desired);
        var before = (DistributionRegistry.Find(persisted.Distribution)?.UpdateRules ?? rules).Topology(saved, persisted.Declared.Spec?.Cluster);
        var after = rules.Topology(nativeAfter, desired.Declared.Spec?.Cluster);
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

        var declaredBefore = JsonSerializer.SerializeToNode(ClusterStateStore.RedactedDeclaration(persisted.Declared), SpecJson.Options);
        var declaredAfter = JsonSerializer.SerializeToNode(ClusterStateStore.RedactedDeclaration(desired.Declared), SpecJson.Options);
        foreach (var (path, from, to) in SpecDiff.Diff("", declaredBefore, declaredAfter))
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

            changes.Add(Classify(field, from, to, persisted, desired, rules));
        }

        if (persisted.Distribution == desired.Distribution)
        {
            // (Another distribution changes the whole native config with it.)
            changes.AddRange(rules.NativeChanges(saved, nativeAfter));
        }

        return new ClusterUpdatePlan(desired.Name, changes);
    }

    private static ClusterChange Classify(string field, string from, string to, ClusterState persisted, ClusterDefinition desired, IUpdateRules rules)
    {
        switch (field)
        {
            case "spec.cluster.provider" or "spec.provider":
                return new ClusterChange(field, from, to, ChangeClass.RecreateRequired, ChangeAction.None, "the nodes run on another provider");
            case "spec.cluster.csi":
                return ComponentToggle(field, from, to, ComponentCatalog.LocalPathProvisioner, rules);
            case "spec.cluster.metricsServer":
                return ComponentToggle(field, from, to, ComponentCatalog.MetricsServer, rules);
            case "spec.cluster.loadBalancer":
                return rules.BuiltInChange(field, from, to);
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

    private static ClusterChange ComponentToggle(string field, string from, string to, ComponentDefinition component, IUpdateRules rules)
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
        return rules.BuiltInChange(field, from, to);
    }

    private static ComponentDefinition? Engine(GitOpsEngine? engine) => engine switch
    {
        GitOpsEngine.Flux => FluxComponent.Definition,
        GitOpsEngine.ArgoCD => ComponentCatalog.ArgoCd,
        _ => null,
    };

    private static bool Under(string path, string prefix) => SpecDiff.Under(path, prefix);

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
