using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

/// <summary>Every ksail.yaml field the engine acts on reaches the cluster definition.</summary>
public sealed class FieldTests
{
    private const string Everything = """
        # yaml-language-server: $schema=../schemas/ksail.schema.json
        apiVersion: ksail.io/v1alpha1
        kind: Cluster
        metadata:
          name: every-field
        spec:
          cluster:
            distribution: K3s
            provider: Docker
            distributionConfig: config/k3d.yaml
            connection:
              kubeconfig: ~/clusters/kubeconfig
              context: k3d-every-field
              timeout: 10m
            cni: Default
            csi: Disabled
            metricsServer: Disabled
            loadBalancer: Default
            certManager: Disabled
            policyEngine: None
            gitOpsEngine: None
            controlPlanes: 1
            workers: 2
            timeouts:
              provision: 4m
              components: 3m
              stability: 90s
              apiServer: 40s
              nodes: 50s
              daemonSets: 70s
              apiConnectivity: 20s
              gitOps: 6m
              teardown: 45s
            teardown: OnSuccess
          workload:
            sourceDirectory: deploy
        """;

    [Fact]
    public void Every_acted_on_field_reaches_the_definition()
    {
        // Given
        using var dir = new ScratchDirectory();
        dir.Write("config/k3d.yaml", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nagents: 2\n");
        var config = dir.Write("ksail.yaml", Everything);

        // When
        var cluster = Declarations.Load(config);

        // Then
        Assert.Equal("every-field", cluster.Name);
        Assert.Equal(Distribution.K3s, cluster.Distribution);
        Assert.Equal(Provider.Docker, cluster.Provider);
        Assert.Equal(Path.Combine(dir.Path, "config", "k3d.yaml"), cluster.DistributionConfigFile);
        Assert.Equal("/home/tester/clusters/kubeconfig", cluster.KubeconfigPath);
        Assert.Equal("k3d-every-field", cluster.ContextName);
        Assert.Equal(TimeSpan.FromMinutes(10), cluster.OperationTimeout);
        Assert.Equal(
            new PhaseTimeoutValues(
                TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(45),
                new StabilityStepTimeouts(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(20))),
            cluster.Timeouts);
        var stability = KSail.Core.Readiness.StabilityOptions.For(cluster);
        Assert.Equal(
            (TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(20), (TimeSpan?)TimeSpan.FromSeconds(90)),
            (stability.ApiServerTimeout, stability.NodesTimeout, stability.DaemonSetsTimeout, stability.ApiConnectivityTimeout, stability.OverallTimeout));
        Assert.Equal(TeardownPolicy.OnSuccess, cluster.Teardown);
        Assert.Equal(Path.Combine(dir.Path, "deploy"), cluster.SourceDirectory);
        Assert.Equal(["k3d-every-field-server-0", "k3d-every-field-agent-0", "k3d-every-field-agent-1", "k3d-every-field-serverlb"], cluster.Nodes.Select(n => n.Name));
        Assert.Equal(
            [("CNI", "Default", "flannel (built into K3s)"), ("CSI", "Disabled", "none (disabled)"), ("metrics-server", "Disabled", "none (disabled)"),
             ("load balancer", "Default", "ServiceLB (built into K3s)"), ("cert-manager", "Disabled", "none"), ("policy engine", "None", "none"), ("GitOps engine", "None", "none")],
            cluster.Components.Select(c => (c.Component, c.Setting, c.Outcome)));
        Assert.Equal(ComponentPhase.GitOps, cluster.Components[^1].Phase);
        Assert.Empty(cluster.Warnings);
    }

    [Fact]
    public void Values_match_without_regard_to_case_and_switches_take_booleans_as_KSail_does()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: vanilla\n    csi: false\n"));

        Assert.Equal(Distribution.Vanilla, cluster.Distribution);
        Assert.Equal(Toggle.Disabled, cluster.Declared.Spec!.Cluster!.Csi);
    }

    [Fact]
    public void Fields_for_other_providers_and_distributions_are_read_and_warned_about()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", """
            apiVersion: ksail.io/v1alpha1
            kind: Cluster
            spec:
              cluster:
                kubernetesVersion: v1.32.0
                localRegistry: {}
              provider:
                hetzner:
                  location: fsn1
                  serverLimit: 10
                  allowedCidrs: ["203.0.113.0/24"]
                omni:
                  endpoint: https://omni.example
                  machines: [a, b]
            """));

        var declared = cluster.Declared.Spec!;
        Assert.Equal("v1.32.0", declared.Cluster!.KubernetesVersion);
        Assert.Equal("fsn1", declared.Provider!.Hetzner!.Location);
        Assert.Equal(10, declared.Provider.Hetzner.ServerLimit);
        Assert.Equal(["203.0.113.0/24"], declared.Provider.Hetzner.AllowedCidrs!);
        Assert.Equal(["a", "b"], declared.Provider.Omni!.Machines!);
        Assert.Contains(cluster.Warnings, w => w.Message.StartsWith("spec.provider has no effect", StringComparison.Ordinal) && w.Location.Line == 7);
        Assert.Contains(cluster.Warnings, w => w.Message.Contains("nodes[].image in kind.yaml", StringComparison.Ordinal) && w.Location.Line == 5);
    }

    [Fact]
    public void A_context_that_is_not_the_one_kind_writes_is_a_warning()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    connection:\n      context: prod\n"));

        var warning = Assert.Single(cluster.Warnings);
        Assert.Equal(6, warning.Location.Line);
        Assert.Contains("'kind-kind'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nearest_ksail_yaml_above_the_working_directory_is_used()
    {
        using var dir = new ScratchDirectory();
        var config = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n");
        var deep = Path.Combine(dir.Path, "src", "app");
        Directory.CreateDirectory(deep);

        Assert.Equal(config, ClusterConfigLoader.FindNearest(deep));
        var cluster = ClusterConfigLoader.Load(new ClusterLoadOptions { WorkingDirectory = deep, Environment = new Dictionary<string, string?>() });
        Assert.Equal(config, cluster.ConfigFile);
    }
}
