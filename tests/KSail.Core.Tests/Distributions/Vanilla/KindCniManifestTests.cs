using System.Text.Json.Nodes;
using KSail.Core.Components;
using KSail.Core.Distributions.Vanilla;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// The node image's default CNI manifest is installed as kind's installcni action prepares it
/// (kind create/actions/installcni/cni.go; FIDELITY K37): templated only when it asks to be, and
/// given CONTROL_PLANE_ENDPOINT when it asks to be patched.
/// </summary>
public sealed class KindCniManifestTests
{
    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: kindnet
          namespace: kube-system
        spec:
          template:
            spec:
              containers:
              - name: kindnet-cni
                image: kindnetd
                env:
                - name: POD_SUBNET
                  value: {{ .PodSubnet }}
              - name: other
                image: other
                env: []
        """;

    private const string ServiceAccount = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kindnet\n  namespace: kube-system\n";

    private static List<(string Name, string Value)> Env(JsonObject daemonSet, int container) =>
        daemonSet["spec"]!["template"]!["spec"]!["containers"]![container]!["env"]!.AsArray()
            .Select(e => (e!["name"]!.GetValue<string>(), e["value"]!.GetValue<string>())).ToList();

    [Fact]
    public void The_test_beds_manifest_which_asks_for_both_gets_the_Pod_subnet_and_the_API_endpoint_in_its_DaemonSet()
    {
        // As the test bed's recipe installs it into the node image: with its kindnetd stand-in's image filled in.
        var manifest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "testbed", "kind-node", "default-cni.yaml"))
            .Replace("@STAND_IN_KINDNETD_IMAGE@", "ksail-testbed/stand-in-kindnetd:v1.20.2", StringComparison.Ordinal);

        var prepared = Manifests.Read(KindCniManifest.Prepare(manifest, "10.240.0.0/16", "c-control-plane:6443"), "prepared");

        var daemonSet = prepared.Single(o => Manifests.Kind(o) == "DaemonSet");
        Assert.Contains(("POD_SUBNET", "10.240.0.0/16"), daemonSet["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Where(e => e!["value"] is not null).Select(e => (e!["name"]!.GetValue<string>(), e["value"]!.GetValue<string>())));
        Assert.Equal(("CONTROL_PLANE_ENDPOINT", "c-control-plane:6443"), (
            daemonSet["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()[^1]!["name"]!.GetValue<string>(),
            daemonSet["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()[^1]!["value"]!.GetValue<string>()));
        Assert.Equal(Manifests.Read(manifest.Replace("{{ .PodSubnet }}", "10.240.0.0/16", StringComparison.Ordinal), "original").Count, prepared.Count);
    }

    [Fact]
    public void Only_the_first_container_of_each_DaemonSet_is_patched_and_other_objects_are_kept()
    {
        var manifest = "# would you kindly template this file\n# would you kindly patch this file\n" + ServiceAccount + "---\n" + DaemonSet;

        var prepared = Manifests.Read(KindCniManifest.Prepare(manifest, "10.244.0.0/16", "c-external-load-balancer:6443"), "prepared");

        Assert.Equal(["ServiceAccount", "DaemonSet"], prepared.Select(Manifests.Kind));
        Assert.Equal("kindnet", Manifests.Name(prepared[0]));
        Assert.Equal([("POD_SUBNET", "10.244.0.0/16"), ("CONTROL_PLANE_ENDPOINT", "c-external-load-balancer:6443")], Env(prepared[1], 0));
        Assert.Empty(Env(prepared[1], 1));
    }

    [Fact]
    public void A_manifest_that_does_not_ask_is_neither_templated_nor_patched()
    {
        var manifest = "# a manifest of the user's, mounted over the default\n" + DaemonSet;

        Assert.Equal(manifest, KindCniManifest.Prepare(manifest, "10.244.0.0/16", "c-control-plane:6443"));
    }

    [Theory]
    [InlineData("value: {{.PodSubnet}}\n", "value: 10.244.0.0/16\n")]
    [InlineData("value: \"{{- .PodSubnet -}}\"\n", "value: \"10.244.0.0/16\"\n")]
    [InlineData("value: x   {{- .PodSubnet }}\n", "value: x10.244.0.0/16\n")]
    [InlineData("value: {{ .PodSubnet -}}   \n", "value: 10.244.0.0/16")]
    public void The_template_fills_in_PodSubnet_as_Go_does_with_its_trim_markers(string line, string expected)
    {
        var prepared = KindCniManifest.Prepare("# would you kindly template this file\n" + line, "10.244.0.0/16", "unused:6443");

        Assert.Equal("# would you kindly template this file\n" + expected, prepared);
    }

    [Fact]
    public void A_template_of_anything_but_PodSubnet_is_refused_naming_the_file_and_what_to_do()
    {
        var ex = Assert.Throws<FormatException>(() => KindCniManifest.Prepare("# would you kindly template this file\nvalue: {{ .ServiceSubnet }}\n", "10.244.0.0/16", "c:6443"));

        Assert.Contains("/kind/manifests/default-cni.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{{ .ServiceSubnet }}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("disableDefaultCNI", ex.Message, StringComparison.Ordinal);
    }
}
