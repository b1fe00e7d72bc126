using System.Text.Json.Nodes;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Distributions.Vanilla.Actions;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// The kubeadm config written to each node is kind's (pkg/cluster/internal/kubeadm/config.go) for
/// the Kubernetes minor versions kind's templates tell apart: 1.20 (v1beta2), 1.30 and 1.34
/// (v1beta3), 1.36 (v1beta4). FIDELITY K17, K24, K26, K31, K32.
/// </summary>
public sealed class KubeadmConfigTests
{
    public static TheoryData<string, string> Versions => new()
    {
        { "v1.20.2", "kubeadm.k8s.io/v1beta2" },
        { "v1.30.13", "kubeadm.k8s.io/v1beta3" },
        { "v1.34.0", "kubeadm.k8s.io/v1beta3" },
        { "v1.36.1", "kubeadm.k8s.io/v1beta4" },
    };

    /// <summary>The config of control plane <c>{cluster}-control-plane</c> at 172.18.0.2 with kind's default subnets.</summary>
    internal static string Generate(string version, string proxyMode = "iptables", bool rootless = false, Dictionary<string, bool>? gates = null, string cluster = "c", string cgroupDriver = "systemd") =>
        KubeadmConfig.Generate(new KubeadmConfigData
        {
            ClusterName = cluster,
            KubernetesVersion = version,
            ControlPlaneEndpoint = $"{cluster}-control-plane:6443",
            ApiServerAddress = "127.0.0.1",
            ControlPlane = true,
            NodeAddress = "172.18.0.2",
            NodeName = $"{cluster}-control-plane",
            PodSubnet = "10.244.0.0/16",
            ServiceSubnet = "10.96.0.0/16",
            KubeProxyMode = proxyMode,
            CgroupDriver = cgroupDriver,
            FeatureGates = gates ?? [],
            Rootless = rootless,
        });

    // The config's documents by kind, read as kubeadm reads them (YAML), through the patcher's reader.
    private static Dictionary<string, JsonObject> Documents(string config) =>
        KubeadmConfigPatches.Apply(config, null, null).Split("---\n")
            .Select(d => JsonNode.Parse(d)!.AsObject())
            .ToDictionary(d => d["kind"]!.GetValue<string>(), StringComparer.Ordinal);

    // extraArgs as name -> value, in either API's shape (a v1beta2/3 map, a v1beta4 name/value list).
    private static Dictionary<string, string> Args(JsonNode? args) => args switch
    {
        JsonArray list => list.ToDictionary(a => a!["name"]!.GetValue<string>(), a => a!["value"]!.GetValue<string>(), StringComparer.Ordinal),
        JsonObject map => map.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal),
        _ => [],
    };

    private static Dictionary<string, bool> Gates(JsonNode? gates) =>
        gates?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<bool>(), StringComparer.Ordinal) ?? [];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_kubeadm_document_speaks_the_API_version_kind_picks_for_the_minor_version(string version, string api)
    {
        var documents = Documents(Generate(version));

        Assert.All(["ClusterConfiguration", "InitConfiguration", "JoinConfiguration"], kind => Assert.Equal(api, documents[kind]["apiVersion"]!.GetValue<string>()));
        Assert.Equal(api, KubeadmConfig.ApiVersionFor(KubeadmConfig.ParseMinor(version)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Runtime_config_and_node_labels_are_always_there_even_empty_and_feature_gates_only_when_set(string version, string api)
    {
        _ = api;
        var documents = Documents(Generate(version));

        var apiServer = Args(documents["ClusterConfiguration"]["apiServer"]!["extraArgs"]);
        Assert.Equal(new Dictionary<string, string> { ["runtime-config"] = string.Empty }, apiServer);
        Assert.Equal(new Dictionary<string, string> { ["enable-hostpath-provisioner"] = "true" }, Args(documents["ClusterConfiguration"]["controllerManager"]!["extraArgs"]));
        Assert.Empty(Args(documents["ClusterConfiguration"]["scheduler"]!["extraArgs"]));
        foreach (var kind in new[] { "InitConfiguration", "JoinConfiguration" })
        {
            var kubelet = Args(documents[kind]["nodeRegistration"]!["kubeletExtraArgs"]);
            Assert.Equal(string.Empty, kubelet["node-labels"]);
            Assert.Equal(("172.18.0.2", "kind://docker/c/c-control-plane"), (kubelet["node-ip"], kubelet["provider-id"]));
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Feature_gates_reach_every_component_kube_proxy_included(string version, string api)
    {
        _ = api;
        var documents = Documents(Generate(version, gates: new() { ["Zeta"] = false, ["Alpha"] = true }));

        var cluster = documents["ClusterConfiguration"];
        Assert.Equal("Alpha=true,Zeta=false", Args(cluster["apiServer"]!["extraArgs"])["feature-gates"]);
        Assert.Equal("Alpha=true,Zeta=false", Args(cluster["controllerManager"]!["extraArgs"])["feature-gates"]);
        Assert.Equal("Alpha=true,Zeta=false", Args(cluster["scheduler"]!["extraArgs"])["feature-gates"]);
        Assert.Equal(new Dictionary<string, bool> { ["Alpha"] = true, ["Zeta"] = false }, Gates(documents["KubeletConfiguration"]["featureGates"]));
        Assert.Equal(new Dictionary<string, bool> { ["Alpha"] = true, ["Zeta"] = false }, Gates(documents["KubeProxyConfiguration"]["featureGates"]));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Kube_proxy_leaves_conntrack_alone_and_the_TCP_timeouts_too_only_on_a_rootless_engine(string version, string api)
    {
        _ = api;
        var conntrack = Documents(Generate(version))["KubeProxyConfiguration"]["conntrack"]!.AsObject();

        Assert.Equal(0, conntrack["maxPerCore"]!.GetValue<long>());
        Assert.False(conntrack.ContainsKey("tcpEstablishedTimeout"));
        Assert.False(conntrack.ContainsKey("tcpCloseWaitTimeout"));
        Assert.False(conntrack.ContainsKey("tcpBeLiberal"));
    }

    [Fact]
    public void Nftables_sets_tcpBeLiberal_unless_the_engine_is_rootless()
    {
        Assert.True(Documents(Generate("v1.34.0", "nftables"))["KubeProxyConfiguration"]["conntrack"]!["tcpBeLiberal"]!.GetValue<bool>());
        Assert.False(Documents(Generate("v1.34.0", "nftables", rootless: true))["KubeProxyConfiguration"]["conntrack"]!.AsObject().ContainsKey("tcpBeLiberal"));
        Assert.False(Documents(Generate("v1.34.0", "ipvs"))["KubeProxyConfiguration"]["conntrack"]!.AsObject().ContainsKey("tcpBeLiberal"));
    }

    [Theory]
    [InlineData("v1.30.13")]
    [InlineData("v1.34.0")]
    [InlineData("v1.36.1")]
    public void On_a_rootless_engine_every_component_gets_KubeletInUserNamespace_and_kube_proxy_leaves_the_TCP_timeouts_alone(string version)
    {
        var documents = Documents(Generate(version, rootless: true, gates: new() { ["Alpha"] = true }));

        Assert.Equal(new Dictionary<string, bool> { ["Alpha"] = true, ["KubeletInUserNamespace"] = true }, Gates(documents["KubeletConfiguration"]["featureGates"]));
        Assert.Equal(new Dictionary<string, bool> { ["Alpha"] = true, ["KubeletInUserNamespace"] = true }, Gates(documents["KubeProxyConfiguration"]["featureGates"]));
        Assert.Equal("Alpha=true,KubeletInUserNamespace=true", Args(documents["ClusterConfiguration"]["apiServer"]!["extraArgs"])["feature-gates"]);
        var conntrack = documents["KubeProxyConfiguration"]["conntrack"]!;
        Assert.Equal(("0s", "0s"), (conntrack["tcpEstablishedTimeout"]!.GetValue<string>(), conntrack["tcpCloseWaitTimeout"]!.GetValue<string>()));
    }

    [Fact]
    public void A_rootless_engine_with_a_node_older_than_1_22_is_refused_naming_the_version_and_what_to_do()
    {
        var ex = Assert.Throws<ProvisioningException>(() => Generate("v1.20.2", rootless: true));

        Assert.Contains("Kubernetes v1.20.2 cannot run on a rootless Docker engine", ex.Message, StringComparison.Ordinal);
        Assert.Contains("use a newer node image", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Kube_proxy_mode_none_leaves_out_its_config_and_init_skips_its_addon(string version, string api)
    {
        _ = api;
        var documents = Documents(Generate(version, "none"));

        Assert.DoesNotContain("KubeProxyConfiguration", documents.Keys);
        Assert.Equal("preflight,addon/kube-proxy", KubeadmInitAction.SkipPhases(new KindCluster { Networking = new KindNetworking { KubeProxyMode = "none" } }));
        Assert.Equal("preflight", KubeadmInitAction.SkipPhases(new KindCluster()));
    }

    [Theory]
    [InlineData("v1.31.0", true)]
    [InlineData("v1.35.2", true)]
    [InlineData("v1.36.1", false)]
    public void Patches_that_name_v1beta3_apply_to_the_nodes_kind_gives_v1beta3_up_to_1_35(string version, bool applies)
    {
        string[] merge = ["apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    controllers: \"*,-ttl\"\n"];
        KindPatchJson6902[] json6902 = [new() { Group = "kubeadm.k8s.io", Version = "v1beta3", Kind = "ClusterConfiguration", Patch = "- op: add\n  path: /apiServer/certSANs/-\n  value: patched.example\n" }];

        var patched = Documents(KubeadmConfigPatches.Apply(Generate(version), merge, json6902))["ClusterConfiguration"];

        Assert.Equal(applies, Args(patched["controllerManager"]!["extraArgs"]).ContainsKey("controllers"));
        Assert.Equal(applies, patched["apiServer"]!["certSANs"]!.AsArray().Any(n => n!.GetValue<string>() == "patched.example"));
    }
}
