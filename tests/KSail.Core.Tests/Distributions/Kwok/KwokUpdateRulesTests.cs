using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.Distributions.Kwok;
using KSail.Core.Lifecycle;
using KSail.Core.State;

namespace KSail.Core.Tests.Distributions.Kwok;

/// <summary>What <c>cluster update</c> changes on a KWOK cluster: the fake nodes in place (as <c>kwokctl scale node</c>); kwok.yaml when the components are created.</summary>
public sealed class KwokUpdateRulesTests
{
    private static readonly IUpdateRules Rules = DistributionRegistry.For(Distribution.KWOK).UpdateRules;

    private static JsonObject Saved(KwokctlConfiguration config) => JsonSerializer.SerializeToNode(config, SpecJson.Options)!.AsObject();

    [Fact]
    public void The_fake_nodes_are_ksail_yaml_s_workers_default_one_and_the_images_are_the_five_components()
    {
        var saved = Saved(new KwokctlConfiguration { Options = new KwokctlOptions { KwokControllerImage = "example.test/kwok:1" } });

        var topology = Rules.Topology(saved, new ClusterSpec());

        Assert.Equal((1, 1), (topology.ControlPlanes, topology.Workers));
        Assert.Equal(5, Rules.Topology(saved, new ClusterSpec { Workers = 5 }).Workers);
        Assert.Contains("example.test/kwok:1", topology.Images);
        Assert.Contains("registry.k8s.io/etcd:3.6.10-0", topology.Images);
    }

    [Fact]
    public void A_changed_option_or_stage_needs_a_new_cluster_an_image_is_left_to_the_topology()
    {
        var before = new KwokctlConfiguration { Options = new KwokctlOptions { KubeFeatureGates = "A=true" } };
        before.Documents.Add(new KwokDocument { Kind = "Stage" }.WithText("kind: Stage\n"));
        var after = new KwokctlConfiguration { Options = new KwokctlOptions { KubeFeatureGates = "A=false", KwokControllerImage = "example.test/kwok:2" } };
        after.Documents.Add(new KwokDocument { Kind = "Stage" }.WithText("kind: Stage\nspec: {}\n"));

        var changes = Rules.NativeChanges(Saved(before), Saved(after)).ToList();

        Assert.All(changes, c => Assert.Equal((ChangeClass.RecreateRequired, ChangeAction.None), (c.Class, c.Action)));
        Assert.Contains(changes, c => c.Field == "kwokctl.options.kubeFeatureGates");
        Assert.Contains(changes, c => c.Field.StartsWith("kwokctl.documents", StringComparison.Ordinal));
        Assert.DoesNotContain(changes, c => c.Field.EndsWith("Image", StringComparison.Ordinal));
    }
}
