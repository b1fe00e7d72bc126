using System.Reflection;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Lifecycle;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// k3d.yaml's registries (FIDELITY D14): the registry container of registries.create as k3d makes it,
/// and the one registries.yaml every server and agent gets, as k3d generates and merges it
/// (pkg/client/registry.go RegistryGenerateK3sConfig, RegistryMergeConfig), with KSail's registries.
/// </summary>
public sealed class K3sRegistriesTests
{
    private static ClusterDefinition LoadUpstream(ScratchDirectory dir, string upstream)
    {
        dir.CopyUpstream($"k3d/{upstream}", "k3d.yaml");
        dir.Write("ns-baz.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baz\n"); // a file the example's files names
        return Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: reg\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n"));
    }

    // The definition with the registries KSail's own registry settings give it (ClusterDefinition.RegistryMirrors is init-only).
    internal static ClusterDefinition WithMirrors(ClusterDefinition cluster, params NodeRegistryMirror[] mirrors)
    {
        typeof(ClusterDefinition).GetProperty(nameof(ClusterDefinition.RegistryMirrors), BindingFlags.Public | BindingFlags.Instance)!.SetValue(cluster, mirrors);
        return cluster;
    }

    private static string[] Endpoints(JsonObject registries, string host) =>
        [.. registries["mirrors"]![host]!["endpoint"]!.AsArray().Select(e => e!.GetValue<string>())];

    [Fact]
    public void Kinds_full_example_creates_its_pull_through_registry_as_k3d_does()
    {
        using var dir = new ScratchDirectory();
        var cluster = LoadUpstream(dir, "full-featured.yaml");

        var (spec, registry) = K3dRegistryContainer.For(cluster, cluster.Native<K3dSimpleConfig>().Registries!.Create!, new CreateOptions());

        Assert.Equal("registry.localhost", spec.Name);
        Assert.Equal(K3dRegistryContainer.DefaultImage, spec.Image);
        Assert.Equal("bridge", spec.Network);
        Assert.Equal([new KSail.Core.Providers.Docker.PortPublication("0.0.0.0", 5000, 5000)], spec.Ports);
        Assert.Equal(["REGISTRY_PROXY_REMOTEURL=https://registry-1.docker.io"], spec.Environment);
        Assert.Equal(("unless-stopped", 0), spec.Restart);
        Assert.Equal("/var/lib/registry", Assert.Single(spec.Mounts).Target);
        Assert.Equal(("registry", "reg", "5000", "5000"), (spec.Labels[K3sProvisioner.RoleLabel], spec.Labels[K3sProvisioner.ClusterLabel], spec.Labels["k3s.registry.port.external"], spec.Labels["k3s.registry.port.internal"]));
        Assert.Equal(new K3dClusterRegistry("registry.localhost", 5000, 5000, "https://registry-1.docker.io"), registry);
    }

    [Fact]
    public void A_registry_without_name_or_port_is_named_for_the_cluster_on_a_free_port_and_enforcePortMatch_listens_on_it()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(Declarations.WriteK3s(dir, "plain", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nregistries:\n  create:\n    image: my/registry:3\n    enforcePortMatch: true\n"));

        var (spec, registry) = K3dRegistryContainer.For(cluster, cluster.Native<K3dSimpleConfig>().Registries!.Create!, new CreateOptions());

        Assert.Equal("k3d-plain-registry", spec.Name);
        Assert.Equal("my/registry:3", spec.Image);
        var port = Assert.Single(spec.Ports);
        Assert.InRange(port.HostPort, 1, 65535);
        Assert.Equal(port.HostPort, port.ContainerPort);
        Assert.Equal([$"REGISTRY_HTTP_ADDR=:{port.HostPort}"], spec.Environment);
        Assert.Equal(port.HostPort, registry.InternalPort);
    }

    [Fact]
    public void The_created_registry_is_mirrored_at_both_its_ports_and_its_remote_and_registries_config_wins_per_host()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(Declarations.WriteK3s(dir, "merge", """
            apiVersion: k3d.io/v1alpha5
            kind: Simple
            registries:
              config: |
                mirrors:
                  "reg.local:5001":
                    endpoint:
                      - http://elsewhere:5000
                  "my.company.registry":
                    endpoint:
                      - http://my.company.registry:5000
                configs:
                  "my.company.registry":
                    tls:
                      insecure_skip_verify: true
            """));

        var yaml = K3sRegistries.Yaml(cluster, [new K3dClusterRegistry("reg.local", 5000, 5001, "https://registry-1.docker.io")]);

        var written = K3sRegistries.Parse(yaml!);
        Assert.Equal(["http://reg.local:5000"], Endpoints(written, "reg.local:5000"));
        Assert.Equal(["http://reg.local:5000"], Endpoints(written, "https://registry-1.docker.io"));
        Assert.Equal(["http://elsewhere:5000"], Endpoints(written, "reg.local:5001"));
        Assert.Equal(["http://my.company.registry:5000"], Endpoints(written, "my.company.registry"));
        Assert.True(written["configs"]!["my.company.registry"]!["tls"]!["insecure_skip_verify"]!.GetValue<bool>());
    }

    [Fact]
    public void KSails_registries_go_first_for_a_host_the_config_names_and_alone_for_the_others()
    {
        using var dir = new ScratchDirectory();
        dir.Write("registries.yaml", "mirrors:\n  docker.io:\n    endpoint: [\"https://mirror.example\"]\n");
        var cluster = WithMirrors(
            Declarations.Load(Declarations.WriteK3s(dir, "ksail", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nregistries:\n  config: registries.yaml\n")),
            new NodeRegistryMirror("docker.io", "http://ksail-docker.io:5000"),
            new NodeRegistryMirror("localhost:5050", "http://ksail-local-registry:5000"));

        var written = K3sRegistries.Parse(K3sRegistries.Yaml(cluster, [])!);

        Assert.Equal(["http://ksail-docker.io:5000", "https://mirror.example"], Endpoints(written, "docker.io"));
        Assert.Equal(["http://ksail-local-registry:5000"], Endpoints(written, "localhost:5050"));
    }

    [Fact]
    public void Nothing_is_written_without_registries_and_every_server_and_agent_gets_the_file_before_k3d_yaml_files()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(Declarations.WriteK3s(dir, "files", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nagents: 1\nfiles:\n  - source: |\n      mirrors: {}\n    destination: k3s-registry-config\n"));
        Assert.Null(K3sRegistries.Yaml(cluster, []));

        var node = cluster.Nodes.First(n => n.Role == NodeRole.Worker);
        var spec = K3sProvisioner.NodeSpec(cluster, node, "agent", ["agent"], [], new CreateOptions(), registries: "mirrors: {}\n# ours\n");

        var paths = spec.Files.Select(f => f.Path).ToList();
        Assert.Equal([K3sRegistries.Path, K3sRegistries.Path], paths.Where(p => p == K3sRegistries.Path));
        Assert.Contains("# ours", System.Text.Encoding.UTF8.GetString(spec.Files.First(f => f.Path == K3sRegistries.Path).Content), StringComparison.Ordinal);
        var loadBalancer = K3sProvisioner.NodeSpec(cluster, cluster.Nodes.First(n => n.Role == NodeRole.LoadBalancer), "loadbalancer", [], [], new CreateOptions(), registries: "# ours\n");
        Assert.DoesNotContain(loadBalancer.Files, f => System.Text.Encoding.UTF8.GetString(f.Content).Contains("# ours", StringComparison.Ordinal));
    }

    [Fact]
    public void A_registries_config_that_is_not_a_map_a_missing_config_file_and_a_bad_host_port_are_errors_at_their_line()
    {
        using var dir = new ScratchDirectory();
        var refused = Declarations.Refuse(Declarations.WriteK3s(dir, "bad", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nregistries:\n  create:\n    hostPort: \"80000\"\n  config: |\n    - just a list\n"));
        Assert.Contains(refused.Errors(), e => e.Message.StartsWith("registries.create.hostPort is '80000'", StringComparison.Ordinal) && e.Location.Line == 5);
        Assert.Contains(refused.Errors(), e => e.Message.StartsWith("registries.config: ", StringComparison.Ordinal) && e.Location.Line == 6);

        var missing = Declarations.Refuse(Declarations.WriteK3s(dir, "bad", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nregistries:\n  config: nowhere.yaml\n"));
        Assert.Contains(missing.Errors(), e => e.Message.Contains("nowhere.yaml, which does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void The_saved_spec_keeps_no_credential_of_registries_config()
    {
        using var dir = new ScratchDirectory();
        var cluster = Declarations.Load(Declarations.WriteK3s(dir, "secret", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nregistries:\n  config: |\n    configs:\n      ghcr.io:\n        auth:\n          username: me\n          password: s3cret-value\n"));

        var saved = (K3dSimpleConfig)new K3dConfigFormat().Redacted(cluster.NativeSpec);

        Assert.DoesNotContain("s3cret-value", saved.Registries!.Config, StringComparison.Ordinal);
        Assert.Equal("me", K3sRegistries.Parse(saved.Registries.Config!)["configs"]!["ghcr.io"]!["auth"]!["username"]!.GetValue<string>());
        Assert.Contains("s3cret-value", cluster.Native<K3dSimpleConfig>().Registries!.Config, StringComparison.Ordinal);
    }
}
