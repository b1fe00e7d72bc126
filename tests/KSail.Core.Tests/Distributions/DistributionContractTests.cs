using System.Text.Json;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.Lifecycle;
using KSail.Core.State;
using KSail.Core.Providers;

namespace KSail.Core.Tests.Distributions;

/// <summary>
/// The same checks against every distribution of <see cref="DistributionRegistry.All"/>: what each
/// says of its tool's naming, labels and layout is what kind (v0.32) and k3d (v5.9) write, and the
/// registry answers for each.
/// </summary>
public sealed class DistributionContractTests
{
    public static TheoryData<Distribution> Built => [.. DistributionRegistry.All.Select(d => d.Id)];

    [Fact]
    public void The_registry_lists_each_distribution_once_and_refuses_the_others_naming_those_it_builds()
    {
        Assert.Equal(DistributionRegistry.All.Count, DistributionRegistry.All.Select(d => d.Id).Distinct().Count());
        Assert.Equal(DistributionRegistry.All.Count, DistributionRegistry.All.Select(d => d.ClusterLabel).Distinct().Count());
        Assert.Null(DistributionRegistry.Find(Distribution.Talos));
        var refused = Assert.Throws<ProvisioningException>(() => DistributionRegistry.For(Distribution.Talos));
        Assert.Contains("Talos", refused.Message, StringComparison.Ordinal);
        Assert.All(DistributionRegistry.All, d => Assert.Contains(d.Id.ToString(), refused.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Built))]
    public void A_node_labelled_by_the_tool_is_owned_by_its_distribution_and_starts_in_the_tools_order(Distribution id)
    {
        var distribution = DistributionRegistry.For(id);
        Assert.Same(distribution, DistributionRegistry.OwnerOf(new Dictionary<string, string> { [distribution.ClusterLabel] = "c" }));
        Assert.Null(DistributionRegistry.OwnerOf(new Dictionary<string, string> { ["io.ksail.cluster"] = "c" }));

        var controlPlane = Node(distribution, distribution.ControlPlaneRole);
        var worker = Node(distribution, "worker");
        Assert.True(distribution.StartOrder(controlPlane) < distribution.StartOrder(worker), "control planes start first");
        if (distribution.LoadBalancerRole is { } loadBalancer)
        {
            Assert.True(distribution.StartOrder(Node(distribution, loadBalancer)) >= distribution.StartOrder(controlPlane));
        }
    }

    [Theory]
    [MemberData(nameof(Built))]
    public void Its_control_planes_and_workers_hold_images_its_load_balancer_none_and_ctr_reaches_the_kubelets_namespace(Distribution id)
    {
        var distribution = DistributionRegistry.For(id);
        if (id == Distribution.KWOK)
        {
            // KWOK's nodes are simulated: no container runs a Pod, so none holds images.
            Assert.False(distribution.Images.HoldsImages(Node(distribution, distribution.ControlPlaneRole)));
            return;
        }

        Assert.True(distribution.Images.HoldsImages(Node(distribution, distribution.ControlPlaneRole)));
        if (distribution.LoadBalancerRole is { } loadBalancer)
        {
            Assert.False(distribution.Images.HoldsImages(Node(distribution, loadBalancer)));
        }

        Assert.Equal("ctr", distribution.Images.Ctr[0]);
        Assert.Contains(distribution.Images.Ctr, a => a is "--namespace=k8s.io" or "k8s.io");
    }

    [Theory]
    [InlineData(Distribution.Vanilla, "kind", "kind-dev", "io.x-k8s.kind.cluster", "io.x-k8s.kind.role", "control-plane", "external-load-balancer", "/etc/kubernetes/admin.conf")]
    [InlineData(Distribution.K3s, "k3d", "k3d-dev", "k3d.cluster", "k3d.role", "server", "loadbalancer", "/etc/rancher/k3s/k3s.yaml")]
    public void Names_labels_and_the_kubeconfig_path_are_the_tools_own(Distribution id, string tool, string context, string clusterLabel, string roleLabel, string controlPlane, string loadBalancer, string kubeconfig)
    {
        // kind: pkg/cluster/internal/providers/docker/constants.go (labels), pkg/cluster/internal/kubeconfig (context kind-<name>);
        // k3d: pkg/types/labels.go (k3d.cluster, k3d.role), pkg/types/types.go (roles), kubeconfig context k3d-<name>.
        var distribution = DistributionRegistry.For(id);
        Assert.Equal(tool, distribution.Tool);
        Assert.Equal(context, distribution.ContextName("dev"));
        Assert.Equal(clusterLabel, distribution.ClusterLabel);
        Assert.Equal(roleLabel, distribution.RoleLabel);
        Assert.Equal(controlPlane, distribution.ControlPlaneRole);
        Assert.Equal(loadBalancer, distribution.LoadBalancerRole);
        Assert.Equal(kubeconfig, distribution.KubeconfigPath);
        Assert.Equal(3, distribution.RequiredHealthyChecks);
        Assert.Equal(3, KSail.Core.Readiness.StabilityOptions.For(id).RequiredHealthyChecks);
    }

    [Fact]
    public void Only_k3d_records_the_api_host_on_its_server()
    {
        var k3s = DistributionRegistry.For(Distribution.K3s);
        var vanilla = DistributionRegistry.For(Distribution.Vanilla);
        var labels = new Dictionary<string, string> { ["k3d.server.api.host"] = "k3d.example" };
        Assert.Equal("k3d.example", k3s.ApiHost(new ContainerSummary("id", "k3d-dev-server-0", "running", labels)));
        Assert.Null(vanilla.ApiHost(new ContainerSummary("id", "dev-control-plane", "running", labels)));
    }

    [Theory]
    [MemberData(nameof(Built))]
    public void The_saved_spec_names_the_native_config_after_the_tool_and_the_update_rules_read_it_back(Distribution id)
    {
        // Given the tool's defaults, as the saved spec keeps them
        var distribution = DistributionRegistry.For(id);
        var defaults = distribution.Config.Defaults();
        var saved = JsonSerializer.SerializeToNode(distribution.Config.Redacted(defaults), defaults.GetType(), SpecJson.Options)!.AsObject();

        // Then the field is named after the tool, and the rules see one control plane, no workers (KWOK: the one fake
        // node KSail scales to), an image, and no change against itself
        Assert.Equal(distribution.Tool, distribution.Config.StateKey);
        var topology = distribution.UpdateRules.Topology(saved, cluster: null);
        Assert.Equal((1, id == Distribution.KWOK ? 1 : 0), (topology.ControlPlanes, topology.Workers));
        Assert.NotEmpty(topology.Images);
        Assert.Empty(distribution.UpdateRules.NativeChanges(saved, saved.DeepClone().AsObject()));
        Assert.Empty(distribution.UpdateRules.NativeChanges(before: null, after: null));

        // And where the native config sets no count, ksail.yaml's decide
        Assert.Equal(2, distribution.UpdateRules.Topology(saved, new ClusterSpec { Workers = 2 }).Workers);
    }

    [Theory]
    [MemberData(nameof(Built))]
    public void A_change_of_a_built_in_component_is_classified_with_a_reason(Distribution id)
    {
        var rules = DistributionRegistry.For(id).UpdateRules;
        foreach (var field in new[] { ClusterFields.Csi, ClusterFields.MetricsServer, ClusterFields.LoadBalancer })
        {
            var change = rules.BuiltInChange(field, "Default", "Disabled");
            Assert.Equal((field, "Default", "Disabled"), (change.Field, change.From, change.To));
            Assert.False(string.IsNullOrWhiteSpace(change.Detail));
            Assert.True(change.Class == ChangeClass.RecreateRequired ? change.Action == ChangeAction.None : change.Action is ChangeAction.SaveOnly or ChangeAction.NotBuilt, $"{field}: {change.Class}/{change.Action}");
        }
    }

    private static ContainerSummary Node(IDistribution distribution, string role) =>
        new("id", $"node-{role}", "running", new Dictionary<string, string> { [distribution.ClusterLabel] = "c", [distribution.RoleLabel] = role });
}
