using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

/// <summary>KSail's own example ksail.yaml files (read from the shared upstream data) load field for field.</summary>
public sealed class UpstreamKSailFileTests
{
    private static ConfigurationException RefuseUpstream(ScratchDirectory dir, string file)
    {
        var config = dir.CopyUpstream($"ksail/{file}", "ksail.yaml");
        return Declarations.Refuse(config);
    }

    [Fact]
    public void Every_field_of_every_KSail_example_is_known()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Upstream, "ksail"), "*.yaml"))
        {
            using var dir = new ScratchDirectory();
            var config = dir.CopyUpstream($"ksail/{Path.GetFileName(file)}", "ksail.yaml");
            dir.CopyUpstream("k3d/minimal.yaml", "k3d.yaml");
            dir.CopyUpstream("kind/extra-port-mappings.yaml", "kind.yaml");
            try
            {
                Declarations.Load(config);
            }
            catch (ConfigurationException ex)
            {
                // Only choices KSail.NET does not build yet may be refused, never a field or a value KSail accepts.
                Assert.All(ex.Errors(), e => Assert.Matches("does not support yet|two CNIs would fight", e.Message));
            }
        }
    }

    [Fact]
    public void The_K3s_distribution_config_example_loads_with_a_real_k3d_file()
    {
        // Given KSail's K3s example and k3d's minimal config beside it
        using var dir = new ScratchDirectory();
        var config = dir.CopyUpstream("ksail/k3s-distribution-config.ksail.yaml", "ksail.yaml");
        dir.CopyUpstream("k3d/minimal.yaml", "k3d.yaml");

        // When
        var cluster = Declarations.Load(config);

        // Then: k3d's defaults, named as k3d names them
        Assert.Equal(Distribution.K3s, cluster.Distribution);
        Assert.Equal(Provider.Docker, cluster.Provider);
        Assert.Equal("k3s-default", cluster.Name);
        Assert.Equal("k3d-k3s-default", cluster.ContextName);
        Assert.Equal("k3d-k3s-default", cluster.Network);
        Assert.Equal(Path.Combine(dir.Path, "k3d.yaml"), cluster.DistributionConfigFile);
        Assert.Equal(["k3d-k3s-default-server-0", "k3d-k3s-default-serverlb"], cluster.Nodes.Select(n => n.Name));
        Assert.Equal("rancher/k3s:v1.35.5-k3s1", cluster.Nodes[0].Image);
        Assert.Equal(Path.Combine(dir.Path, "k8s"), cluster.SourceDirectory);
        Assert.Empty(cluster.Warnings);
    }

    [Fact]
    public void The_vanilla_full_example_is_read_field_for_field_and_refused_for_what_is_not_built()
    {
        using var dir = new ScratchDirectory();
        var ex = RefuseUpstream(dir, "vanilla-full.ksail.yaml");

        // What KSail.NET does not build yet is refused, each at its line.
        var file = Path.Combine(dir.Path, "ksail.yaml");
        Assert.Contains(ex.Errors(), e => e.Location == new SourceLocation(file, 13, 10) && e.Message.Contains("Cilium", StringComparison.Ordinal));
        Assert.Contains(ex.Errors(), e => e.Location.Line == 16 && e.Message.Contains("cert-manager", StringComparison.Ordinal));
        Assert.Contains(ex.Errors(), e => e.Location.Line == 17 && e.Message.Contains("Kyverno", StringComparison.Ordinal));

        // metricsServer: Enabled, the local registry and gitOpsEngine: Flux are built: KSail.NET runs or installs them.
        Assert.DoesNotContain(ex.Errors(), e => e.Location.Line is 15 or 19 or 20);

        // What has no effect here is a warning, not an error.
        Assert.Contains(ex.Warnings(), w => w.Location.Line == 5 && w.Message.Contains("spec.editor", StringComparison.Ordinal));
        Assert.Contains(ex.Warnings(), w => w.Location.Line == 23 && w.Message.Contains("spec.workload.validateOnPush", StringComparison.Ordinal));
    }

    [Fact]
    public void The_Talos_on_Hetzner_example_reads_every_provider_field()
    {
        using var dir = new ScratchDirectory();
        var ex = RefuseUpstream(dir, "talos-hetzner.ksail.yaml");

        Assert.Contains(ex.Errors(), e => e.Message.Contains("spec.cluster.distribution is Talos", StringComparison.Ordinal) && e.Message.Contains("supported today: Vanilla, K3s", StringComparison.Ordinal));
        Assert.Contains(ex.Errors(), e => e.Message.Contains("spec.cluster.provider is Hetzner", StringComparison.Ordinal));
        Assert.Contains(ex.Warnings(), w => w.Message.Contains("spec.cluster.talos has no effect", StringComparison.Ordinal));
        Assert.Contains(ex.Warnings(), w => w.Message.Contains("spec.provider has no effect", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Errors(), e => e.Message.Contains("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void The_GitOps_example_gets_the_local_registry_KSail_runs_and_its_workload_is_read_from_it()
    {
        // Given KSail's GitOps example: K3s, Flux, and a local registry on localhost:5050
        using var dir = new ScratchDirectory();
        var config = dir.CopyUpstream("ksail/k3s-gitops.ksail.yaml", "ksail.yaml");

        // When
        var cluster = Declarations.Load(config);

        // Then the registry container KSail runs for it, which the nodes pull localhost:5050 through
        var registry = Assert.Single(cluster.Registries);
        Assert.Equal(("gitops-demo-local-registry", "localhost:5050", 5050), (registry.Name, registry.Host, registry.HostPort!.Value));
        Assert.Equal([new NodeRegistryMirror("localhost:5050", "http://gitops-demo-local-registry:5000")], cluster.RegistryMirrors);
        // and the workload read from it at the repository named after the source directory (KSail's buildLocalRegistryURL, where workload push puts it)
        Assert.Equal("oci://gitops-demo-local-registry:5000/k8s", KSail.Core.Components.GitOpsBootstrap.For(cluster)[0]["spec"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void The_minimal_vanilla_example_asks_for_a_second_CNI_and_says_how_to_make_room()
    {
        using var dir = new ScratchDirectory();
        var ex = RefuseUpstream(dir, "vanilla-minimal.ksail.yaml");

        Assert.Contains(ex.Errors(), e => e.Message.Contains("disableDefaultCNI: true", StringComparison.Ordinal));
        Assert.Contains(ex.Errors(), e => e.Message.Contains("spec.cluster.cni is Cilium, a CNI KSail.NET does not support yet", StringComparison.Ordinal));
    }
}
