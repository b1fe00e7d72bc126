using System.Text.Json.Nodes;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// kind.yaml's kubeadmConfigPatches and kubeadmConfigPatchesJSON6902 change the generated kubeadm
/// config as kind changes it (kind's pkg/internal/patch): matched by kind and apiVersion, merge
/// patches first, then JSON 6902 patches; a patch matching no document is ignored.
/// </summary>
public sealed class KubeadmConfigPatchesTests
{
    private static string Generate(string version = "v1.20.2") => KubeadmConfigTests.Generate(version, cluster: "p", cgroupDriver: "cgroupfs");

    // The documents of a patched config, by kind; the text must also read as YAML (kubeadm reads it so).
    private static Dictionary<string, JsonObject> Documents(string config)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(config));
        Assert.All(yaml.Documents, d => Assert.IsType<YamlMappingNode>(d.RootNode));
        return config.Split("---\n").Select(d => JsonNode.Parse(d)!.AsObject()).ToDictionary(d => d["kind"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    private static KindCluster LoadUpstream(ScratchDirectory dir, string upstream)
    {
        dir.CopyUpstream($"kind/{upstream}", "kind.yaml");
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n"));
        return cluster.Native<KindCluster>();
    }

    private static string[] Strings(JsonNode? list) => list!.AsArray().Select(s => s!.GetValue<string>()).ToArray();

    [Fact]
    public void Kinds_example_patches_the_kubelet_config_and_its_JSON_6902_patch_applies_only_to_the_kubeadm_API_it_names()
    {
        using var dir = new ScratchDirectory();
        var kind = LoadUpstream(dir, "kubeadm-config-patches.yaml");

        // On a v1.20 node (kubeadm v1beta2) the v1beta3 JSON 6902 patch matches nothing and is ignored, as kind ignores it.
        var v120 = Documents(KubeadmConfigPatches.Apply(Generate("v1.20.2"), kind.KubeadmConfigPatches, kind.KubeadmConfigPatchesJson6902));
        var eviction = v120["KubeletConfiguration"]["evictionHard"]!.AsObject();
        Assert.Equal(("0%", "0%", "0%"), (eviction["nodefs.available"]!.GetValue<string>(), eviction["nodefs.inodesFree"]!.GetValue<string>(), eviction["imagefs.available"]!.GetValue<string>()));
        Assert.Equal(["localhost", "127.0.0.1"], Strings(v120["ClusterConfiguration"]["apiServer"]!["certSANs"]));

        // On a v1.26 node (kubeadm v1beta3) it adds the SAN at the end.
        var v126 = Documents(KubeadmConfigPatches.Apply(Generate("v1.26.0"), kind.KubeadmConfigPatches, kind.KubeadmConfigPatchesJson6902));
        Assert.Equal("kubeadm.k8s.io/v1beta3", v126["ClusterConfiguration"]["apiVersion"]!.GetValue<string>());
        Assert.Equal(["localhost", "127.0.0.1", "my-hostname"], Strings(v126["ClusterConfiguration"]["apiServer"]!["certSANs"]));
    }

    [Fact]
    public void Kinds_v1beta2_example_changes_the_service_subnet_adds_a_SAN_and_keeps_everything_else()
    {
        using var dir = new ScratchDirectory();
        var kind = LoadUpstream(dir, "containerd-config-patches.yaml");
        var generated = Documents(KubeadmConfigPatches.Apply(Generate(), ["kind: InitConfiguration"], null));

        var patched = Documents(KubeadmConfigPatches.Apply(Generate(), kind.KubeadmConfigPatches, kind.KubeadmConfigPatchesJson6902));

        var cluster = patched["ClusterConfiguration"];
        Assert.Equal("10.0.0.0/16", cluster["networking"]!["serviceSubnet"]!.GetValue<string>());
        Assert.Equal("10.244.0.0/16", cluster["networking"]!["podSubnet"]!.GetValue<string>());
        Assert.Equal(["localhost", "127.0.0.1", "my-hostname"], Strings(cluster["apiServer"]!["certSANs"]));

        // kind's patch names metadata.name 'config' (its template's, for matching); as kind, it is not passed to kubeadm.
        Assert.Null(cluster["metadata"]);

        // The other documents are the generated ones, values typed as YAML types them (numbers, booleans).
        foreach (var other in new[] { "InitConfiguration", "JoinConfiguration", "KubeletConfiguration", "KubeProxyConfiguration" })
        {
            Assert.True(JsonNode.DeepEquals(generated[other], patched[other]), other);
        }

        Assert.Equal(6443, patched["InitConfiguration"]["localAPIEndpoint"]!["bindPort"]!.GetValue<long>());
        Assert.False(patched["KubeletConfiguration"]["failSwapOn"]!.GetValue<bool>());
        Assert.Equal("0%", patched["KubeletConfiguration"]["evictionHard"]!["nodefs.available"]!.GetValue<string>());
    }

    [Fact]
    public void A_merge_patch_matches_by_kind_and_by_apiVersion_only_when_it_names_one()
    {
        var config = Generate();
        string[] patches =
        [
            // no apiVersion: matches across kubeadm API versions
            "kind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    node-labels: \"ingress-ready=true\"\n",
            // another API version of the same kind: ignored
            "apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    node-labels: \"ignored=true\"\n",
            // a kind that is not in the config: ignored
            "apiVersion: kubeadm.k8s.io/v1beta2\nkind: ResetConfiguration\nforce: true\n",
            // two documents in one patch, both apply
            "apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    controllers: \"*,bootstrapsigner,tokencleaner,-ttl\"\n---\nkind: KubeletConfiguration\nmaxPods: 50\n",
        ];

        var patched = Documents(KubeadmConfigPatches.Apply(config, patches, null));

        var kubeletArgs = patched["InitConfiguration"]["nodeRegistration"]!["kubeletExtraArgs"]!.AsObject();
        Assert.Equal("ingress-ready=true", kubeletArgs["node-labels"]!.GetValue<string>());
        Assert.Equal("172.18.0.2", kubeletArgs["node-ip"]!.GetValue<string>());
        Assert.Equal(string.Empty, patched["JoinConfiguration"]["nodeRegistration"]!["kubeletExtraArgs"]!["node-labels"]!.GetValue<string>()); // kind's empty one (FIDELITY K26)
        Assert.DoesNotContain("ResetConfiguration", patched.Keys);
        var controllerManager = patched["ClusterConfiguration"]["controllerManager"]!["extraArgs"]!.AsObject();
        Assert.Equal("*,bootstrapsigner,tokencleaner,-ttl", controllerManager["controllers"]!.GetValue<string>());
        Assert.Equal("true", controllerManager["enable-hostpath-provisioner"]!.GetValue<string>());
        Assert.Equal(50, patched["KubeletConfiguration"]["maxPods"]!.GetValue<long>());
    }

    [Fact]
    public void A_merge_patch_removes_with_null_replaces_lists_but_joins_certSANs()
    {
        string[] patches =
        [
            "kind: KubeletConfiguration\nevictionHard: null\ncgroupRoot: ~\n",
            "kind: ClusterConfiguration\napiServer:\n  certSANs: [my-hostname, localhost]\n",
            "kind: InitConfiguration\nbootstrapTokens:\n- token: \"012345.0123456789abcdef\"\n  ttl: 1h\n",
        ];

        var patched = Documents(KubeadmConfigPatches.Apply(Generate(), patches, null));

        Assert.False(patched["KubeletConfiguration"].ContainsKey("evictionHard"));
        Assert.False(patched["KubeletConfiguration"].ContainsKey("cgroupRoot"));
        Assert.Equal(["localhost", "127.0.0.1", "my-hostname"], Strings(patched["ClusterConfiguration"]["apiServer"]!["certSANs"]));
        var token = Assert.Single(patched["InitConfiguration"]["bootstrapTokens"]!.AsArray())!;
        Assert.Equal(("012345.0123456789abcdef", "1h"), (token["token"]!.GetValue<string>(), token["ttl"]!.GetValue<string>()));
    }

    [Fact]
    public void In_the_v1beta4_API_extraArgs_merge_by_name_and_an_entry_without_value_removes_one()
    {
        var config = Generate("v1.36.0"); // v1beta4 from 1.36 on, as kind (FIDELITY K24)
        string[] patches =
        [
            // a map without apiVersion counts as name/value entries
            "kind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    enable-hostpath-provisioner: \"false\"\n    controllers: \"*,bootstrapsigner,tokencleaner\"\n",
            "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n  - name: provider-id\n  - name: node-labels\n    value: ingress-ready=true\n",
        ];

        var patched = Documents(KubeadmConfigPatches.Apply(config, patches, null));

        var controllerManager = patched["ClusterConfiguration"]["controllerManager"]!["extraArgs"]!.AsArray();
        Assert.Equal(
            [("enable-hostpath-provisioner", "false"), ("controllers", "*,bootstrapsigner,tokencleaner")],
            controllerManager.Select(a => (a!["name"]!.GetValue<string>(), a["value"]!.GetValue<string>())));
        var kubelet = patched["InitConfiguration"]["nodeRegistration"]!["kubeletExtraArgs"]!.AsArray();
        Assert.Equal(["node-ip", "node-labels"], kubelet.Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal("ingress-ready=true", kubelet[1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void JSON_6902_operations_apply_in_order_after_the_merge_patches()
    {
        KindPatchJson6902[] patches =
        [
            new()
            {
                Group = "kubeadm.k8s.io", Version = "v1beta2", Kind = "ClusterConfiguration",
                Patch = """
                    - op: test
                      path: /networking/serviceSubnet
                      value: 10.0.0.0/16
                    - op: add
                      path: /apiServer/certSANs/0
                      value: first
                    - op: remove
                      path: /apiServer/certSANs/-1
                    - op: copy
                      from: /clusterName
                      path: /apiServer/extraArgs/cluster-name
                    - op: move
                      from: /scheduler
                      path: /schedulerMoved
                    - op: replace
                      path: /networking/podSubnet
                      value: 10.245.0.0/16
                    """,
            },
            new() { Version = "v1beta1", Kind = "KubeletConfiguration", Patch = "[{\"op\": \"replace\", \"path\": \"/failSwapOn\", \"value\": true}]" },
            new() { Group = "kubelet.config.k8s.io", Version = "v1beta1", Kind = "KubeletConfiguration", Patch = "- {op: add, path: /evictionHard~1x, value: {a~b: 1}}" },
        ];

        var patched = Documents(KubeadmConfigPatches.Apply(Generate(), ["kind: ClusterConfiguration\nnetworking:\n  serviceSubnet: 10.0.0.0/16\n"], patches));

        var cluster = patched["ClusterConfiguration"];
        Assert.Equal(["first", "localhost"], Strings(cluster["apiServer"]!["certSANs"]));
        Assert.Equal("p", cluster["apiServer"]!["extraArgs"]!["cluster-name"]!.GetValue<string>());
        Assert.False(cluster.ContainsKey("scheduler"));
        Assert.NotNull(cluster["schedulerMoved"]);
        Assert.Equal("10.245.0.0/16", cluster["networking"]!["podSubnet"]!.GetValue<string>());

        // group '' + version names the core group (kind's rule): 'v1beta1' alone does not match kubelet.config.k8s.io/v1beta1.
        Assert.False(patched["KubeletConfiguration"]["failSwapOn"]!.GetValue<bool>());
        Assert.Equal(1, patched["KubeletConfiguration"]["evictionHard/x"]!["a~b"]!.GetValue<long>());
    }

    [Fact]
    public void A_JSON_6902_operation_that_does_not_apply_fails_naming_the_patch()
    {
        KindPatchJson6902[] patches =
        [
            new() { Group = "kubeadm.k8s.io", Version = "v1beta2", Kind = "ClusterConfiguration", Patch = "- op: replace\n  path: /apiServer/timeoutForControlPlane\n  value: 4m0s\n" },
        ];

        var ex = Assert.Throws<FormatException>(() => KubeadmConfigPatches.Apply(Generate(), null, patches, "nodes[1]."));

        Assert.Contains("nodes[1].kubeadmConfigPatchesJSON6902[0] (kubeadm.k8s.io/v1beta2 ClusterConfiguration)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/apiServer/timeoutForControlPlane", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_test_operation_and_a_patch_that_is_not_a_list_of_operations_fail()
    {
        KindPatchJson6902[] failingTest = [new() { Group = "kubeadm.k8s.io", Version = "v1beta2", Kind = "ClusterConfiguration", Patch = "- {op: test, path: /clusterName, value: other}\n" }];
        KindPatchJson6902[] notOperations = [new() { Group = "kubeadm.k8s.io", Version = "v1beta2", Kind = "ClusterConfiguration", Patch = "op: add\n" }];

        Assert.Contains("not \"other\"", Assert.Throws<FormatException>(() => KubeadmConfigPatches.Apply(Generate(), null, failingTest)).Message, StringComparison.Ordinal);
        Assert.Contains("kubeadmConfigPatchesJSON6902[0].patch is not a JSON 6902 patch", Assert.Throws<FormatException>(() => KubeadmConfigPatches.Apply(Generate(), null, notOperations)).Message, StringComparison.Ordinal);
        Assert.Contains("kubeadmConfigPatches[0] is not valid YAML", Assert.Throws<FormatException>(() => KubeadmConfigPatches.Apply(Generate(), ["kind: [x"], null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_config_carries_no_metadata_as_kinds_final_config()
    {
        Assert.DoesNotContain("metadata", Generate(), StringComparison.Ordinal);
        Assert.DoesNotContain("metadata", Generate("v1.31.0"), StringComparison.Ordinal);
    }
}
