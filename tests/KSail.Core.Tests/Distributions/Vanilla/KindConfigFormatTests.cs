using KSail.Core.Distributions.Vanilla;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// kind.yaml fields KSail.NET does not act on are never ignored in silence: IPv6 and dual-stack are
/// refused (FIDELITY K19), containerd patches are warned about (FIDELITY K41).
/// </summary>
public sealed class KindConfigFormatTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Write(string kindYaml) => KindDeclarations.Write(dir, "f", kindYaml);

    [Theory]
    [InlineData("ipv6")]
    [InlineData("dual")]
    public void An_IPv6_or_dual_stack_cluster_is_refused_at_its_line_saying_what_to_do(string family)
    {
        var ex = Declarations.Refuse(Write($"networking:\n  ipFamily: {family}\n"));

        var error = Assert.Single(ex.Errors());
        Assert.EndsWith("kind.yaml", error.Location.File, StringComparison.Ordinal);
        Assert.Equal(4, error.Location.Line);
        Assert.Contains($"networking.ipFamily is '{family}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("set it to ipv4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IPv4_cluster_loads()
    {
        var cluster = Declarations.Load(Write("networking:\n  ipFamily: ipv4\n"));

        Assert.Empty(cluster.Warnings);
    }

    [Fact]
    public void Containerd_patches_load_without_a_warning_they_are_applied_to_the_nodes_FIDELITY_K41()
    {
        var cluster = Declarations.Load(Write(
            "containerdConfigPatches:\n- |-\n  [plugins.\"io.containerd.grpc.v1.cri\".registry]\n    config_path = \"/etc/containerd/certs.d\"\ncontainerdConfigPatchesJSON6902:\n- |\n  []\n"));

        Assert.Empty(cluster.Warnings);
        Assert.Single(cluster.Native<KindCluster>().ContainerdConfigPatches!);
    }

    [Fact]
    public void An_extraMount_propagation_kind_does_not_know_loads_with_a_warning_that_it_means_None()
    {
        var cluster = Declarations.Load(Write("nodes:\n- role: control-plane\n  extraMounts:\n  - hostPath: /srv\n    containerPath: /srv\n    propagation: Bidrectional\n"));

        var warning = Assert.Single(cluster.Warnings);
        Assert.Equal(8, warning.Location.Line);
        Assert.Equal("nodes[0].extraMounts[0].propagation is 'Bidrectional', which kind treats as None (private); use None, HostToContainer or Bidirectional", warning.Message);
    }
}
