using System.Text.Json.Nodes;
using KSail.Core.Components;
using KSail.Core.Configuration;
using KSail.Core.Providers.Docker;
using KSail.Core.Registries;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Registries;

/// <summary>
/// The registries a declaration asks for, read without Docker: KSail's <c>[user:pass@]host[:port][/path]</c>
/// and <c>[user:pass@]host[=upstream]</c> (KSail's <c>local_registry.go</c> and <c>mirror_specs.go</c>),
/// the containers KSail runs for them (<c>registry_container.go</c>), KEP-1755's ConfigMap, and where
/// bad input is reported. Secrets: only in the container's environment, never in a shown or saved form.
/// </summary>
public sealed class RegistryDeclarationTests
{
    [Theory]
    [InlineData("localhost:5050", "localhost", 5050, null, false, 5050, "localhost:5050")]
    [InlineData("localhost", "localhost", null, null, false, 5000, "localhost")]
    [InlineData("${USER}:${PASS}@ghcr.io:443/my-org", "ghcr.io", 443, "my-org", true, 443, "ghcr.io:443")]
    [InlineData("me:s3cret@registry.localhost:5001/team/app", "registry.localhost", 5001, "team/app", true, 5001, "registry.localhost:5001")]
    public void A_registry_reference_is_read_as_KSail_writes_it(string text, string host, int? port, string? path, bool credentials, int localPort, string imageHost)
    {
        var reference = RegistryReference.Parse(text);

        Assert.Equal(new RegistryReference(host, port, path, credentials), reference);
        Assert.Equal(localPort, reference.LocalPort);
        Assert.Equal(imageHost, reference.ImageHost);
        Assert.Null(RegistryReference.Problem(text));
    }

    [Theory]
    [InlineData("local host:5050", "'local host:5050' is not a registry host")]
    [InlineData("localhost:99999", "the port 99999 of 'localhost:99999' is not between 1 and 65535")]
    [InlineData("-bad-.example/x", "'-bad-.example' is not a registry host")]
    [InlineData("localhost:0", "the port 0 of 'localhost:0' is not between 1 and 65535")]
    public void A_reference_that_is_not_one_is_named_with_the_problem(string text, string problem)
    {
        Assert.StartsWith(problem, RegistryReference.Problem(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("me:s3cret@localhost:5050", "me:<redacted>@localhost:5050")]
    [InlineData("me:p@ss:w0rd@ghcr.io/org", "me:<redacted>@ghcr.io/org")]
    [InlineData("me@ghcr.io", "me@ghcr.io")]
    [InlineData("me:@ghcr.io", "me:@ghcr.io")]
    [InlineData("localhost:5050/app", "localhost:5050/app")]
    public void A_password_is_masked_as_KSail_masks_it(string text, string shown)
    {
        Assert.Equal(shown, RegistryReference.Redact(text));
    }

    [Theory]
    [InlineData("docker.io", "docker.io", "https://registry-1.docker.io", null, null)]
    [InlineData("ghcr.io", "ghcr.io", "https://ghcr.io", null, null)]
    [InlineData("registry.k8s.io=https://registry.k8s.io/", "registry.k8s.io", "https://registry.k8s.io", null, null)]
    [InlineData("upstream.test:5000=http://upstream:5000", "upstream.test:5000", "http://upstream:5000", null, null)]
    [InlineData("me:${GHCR_TOKEN}@ghcr.io=https://ghcr.io", "ghcr.io", "https://ghcr.io", "me", "GHCR_TOKEN")]
    [InlineData("${GHCR_USER}:${GHCR_TOKEN}@ghcr.io", "ghcr.io", "https://ghcr.io", "${GHCR_USER}", "GHCR_TOKEN")]
    [InlineData("Quay.IO", "quay.io", "https://quay.io", null, null)]
    public void A_mirror_is_read_as_KSails_mirror_registry_flag_writes_it(string text, string host, string upstream, string? user, string? passwordVariable)
    {
        var (mirror, problem) = MirrorSpec.Parse(text);

        Assert.Null(problem);
        Assert.Equal(new MirrorSpec(host, upstream, user, passwordVariable), mirror);
    }

    [Theory]
    [InlineData("me:s3cret@ghcr.io", "holds a password in plain text", "s3cret")]
    [InlineData("me:s3cret@ghcr.io=https://ghcr.io", "holds a password in plain text", "s3cret")]
    [InlineData("not a host", "'not a host' in 'not a host' is not a registry host", null)]
    [InlineData("docker.io=ftp://mirror", "the upstream 'ftp://mirror' in 'docker.io=ftp://mirror' is not an http:// or https:// URL", null)]
    [InlineData("docker.io=https://me:pw@mirror", "is not an http:// or https:// URL of a registry (credentials go before the host", "pw@")]
    [InlineData("docker.io:70000", "is not a registry host", null)]
    [InlineData("me@ghcr.io", "names credentials without a password", null)]
    public void A_mirror_that_is_not_valid_is_refused_naming_why_without_repeating_a_password(string text, string problem, string? secret)
    {
        var (mirror, found) = MirrorSpec.Parse(text);

        Assert.Null(mirror);
        Assert.Contains(problem, found, StringComparison.Ordinal);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_local_registry_is_KSails_container_on_127_0_0_1_with_a_volume_and_the_nodes_pull_through_it()
    {
        // Given a local registry on port 5050
        using var dir = new ScratchDirectory();
        var cluster = Load(dir, "dev", "localhost:5050");

        // Then it is one registry container, named as KSail names it, and the nodes' mirror of localhost:5050
        var registry = Assert.Single(cluster.Registries);
        Assert.Equal(
            ("dev-local-registry", RegistryContainer.LocalRegistryRole, "localhost:5050", 5050, "dev-local-registry", RegistryDeclarations.DefaultImage),
            (registry.Name, registry.Role, registry.Host, registry.HostPort!.Value, registry.Volume, registry.Image));
        Assert.Equal([new NodeRegistryMirror("localhost:5050", "http://dev-local-registry:5000")], cluster.RegistryMirrors);

        // And its container: on the cluster's network, published on 127.0.0.1 only, data on its volume,
        // restarted unless stopped, labelled for delete (KSail.NET's labels and KSail's io.ksail.registry)
        var spec = registry.Spec(cluster, new Dictionary<string, string> { ["io.ksail.test"] = "true" });
        Assert.Equal("kind", spec.Network);
        Assert.Equal([new PortPublication("127.0.0.1", 5050, 5000)], spec.Ports);
        Assert.Equal([new ContainerMount(MountKind.Volume, "dev-local-registry", "/var/lib/registry")], spec.Mounts);
        Assert.Equal(("unless-stopped", 0), spec.Restart);
        Assert.Empty(spec.Environment);
        Assert.Equal("dev", spec.Labels["io.ksail.cluster"]);
        Assert.Equal("local-registry", spec.Labels["io.ksail.role"]);
        Assert.Equal("ksail.net", spec.Labels["io.ksail.managed-by"]);
        Assert.Equal("Vanilla", spec.Labels["io.ksail.distribution"]);
        Assert.Equal("dev-local-registry", spec.Labels["io.ksail.registry"]);
        Assert.Equal("dev-local-registry", spec.Labels["io.ksail.registry.volume"]);
        Assert.Equal("true", spec.Labels["io.ksail.test"]);

        // And its volume is not the cluster's (deleting the cluster keeps it)
        var volumeLabels = registry.VolumeLabels(new Dictionary<string, string> { ["io.ksail.test"] = "true" });
        Assert.False(volumeLabels.ContainsKey("io.ksail.cluster"));
        Assert.Equal("dev-local-registry", volumeLabels["io.ksail.registry"]);
    }

    [Fact]
    public void A_local_registry_without_a_port_gets_KSails_5000_and_KSAIL_REGISTRY_IMAGE_names_another_image()
    {
        using var dir = new ScratchDirectory();
        var cluster = Load(dir, "dev", "localhost", environment: new Dictionary<string, string?> { ["KSAIL_REGISTRY_IMAGE"] = "mirror.example/registry:3" });

        var registry = Assert.Single(cluster.Registries);
        Assert.Equal(("localhost:5000", 5000, "mirror.example/registry:3"), (registry.Host, registry.HostPort!.Value, registry.Image));
    }

    [Fact]
    public void A_registry_elsewhere_runs_no_container()
    {
        using var dir = new ScratchDirectory();
        var cluster = Load(dir, "dev", "ghcr.io/my-org/my-repo");

        Assert.Empty(cluster.Registries);
        Assert.Empty(cluster.RegistryMirrors);
    }

    [Fact]
    public void Each_mirror_is_a_pull_through_container_named_for_its_host_whose_volume_every_cluster_shares()
    {
        // Given the mirrors KSail turns on for Docker clusters, and one with credentials from the environment
        using var dir = new ScratchDirectory();
        var cluster = Load(
            dir,
            "dev",
            registry: null,
            mirrors: ["docker.io", "registry.k8s.io", "quay.io=https://quay.io", "${GHCR_USER}:${GHCR_TOKEN}@ghcr.io=https://ghcr.io"],
            environment: new Dictionary<string, string?> { ["GHCR_USER"] = "me", ["GHCR_TOKEN"] = "ghp_s3cret" });

        // Then one mirror container per upstream, as KSail names them (<cluster>-<host>, the volume the host)
        Assert.Equal(
            [("dev-docker.io", "docker.io", "https://registry-1.docker.io"), ("dev-registry.k8s.io", "registry.k8s.io", "https://registry.k8s.io"), ("dev-quay.io", "quay.io", "https://quay.io"), ("dev-ghcr.io", "ghcr.io", "https://ghcr.io")],
            cluster.Registries.Select(r => (r.Name, r.Volume, r.Upstream!)));
        Assert.All(cluster.Registries, r => Assert.Equal(RegistryContainer.MirrorRole, r.Role));
        Assert.Equal(
            cluster.Registries.Select(r => new NodeRegistryMirror(r.Host, $"http://{r.Name}:5000")),
            cluster.RegistryMirrors);

        // And a mirror has no host port; its upstream and credentials are the registry's proxy overrides
        var ghcr = cluster.Registries[3].Spec(cluster);
        Assert.Empty(ghcr.Ports);
        Assert.Equal(["REGISTRY_PROXY_REMOTEURL=https://ghcr.io", "REGISTRY_PROXY_USERNAME=me", "REGISTRY_PROXY_PASSWORD=ghp_s3cret"], ghcr.Environment);
        Assert.Equal([new ContainerMount(MountKind.Volume, "ghcr.io", "/var/lib/registry")], ghcr.Mounts);

        // And the password is in the container's environment only: not in what is shown or logged
        var shown = string.Join('\n', cluster.Registries.Select(r => r.ToString()).Concat(cluster.Registries.Select(ClusterRegistries.Describe)));
        Assert.Contains("me:${GHCR_TOKEN}", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_s3cret", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_mirror_value_turns_mirrors_off_as_in_KSail()
    {
        using var dir = new ScratchDirectory();
        var cluster = Load(dir, "dev", registry: null, mirrors: [""]);

        Assert.Empty(cluster.Registries);
    }

    [Fact]
    public void A_plain_password_in_ksail_yaml_is_refused_at_its_line_without_repeating_it()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    localRegistry:\n      registry: me:s3cret@localhost:5050\n");

        var error = Assert.Single(Declarations.Refuse(path).Errors());

        Assert.Equal((path, 8), (error.Location.File, error.Location.Line));
        Assert.Contains("holds a password in plain text ('me:<redacted>@localhost:5050'); name the environment variable that holds it instead, as me:${PASSWORD_VARIABLE}@localhost:5050", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_of_a_local_registry_from_the_environment_are_warned_about_as_having_no_effect()
    {
        using var dir = new ScratchDirectory();
        var cluster = Load(dir, "dev", "me:${REGISTRY_PASSWORD}@localhost:5050", environment: new Dictionary<string, string?> { ["REGISTRY_PASSWORD"] = "s3cret" });

        var warning = Assert.Single(cluster.Warnings, w => w.Message.Contains("credentials", StringComparison.Ordinal));
        Assert.Equal(9, warning.Location.Line);
        Assert.Contains("have no effect for a local registry", warning.Message, StringComparison.Ordinal);
        Assert.Equal("localhost:5050", Assert.Single(cluster.Registries).Host);
    }

    [Fact]
    public void A_registry_host_that_is_not_one_is_refused_at_its_line()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    localRegistry:\n      registry: localhost:99999\n");

        var error = Assert.Single(Declarations.Refuse(path).Errors());

        Assert.Equal(8, error.Location.Line);
        Assert.Equal("spec.cluster.localRegistry.registry: the port 99999 of 'localhost:99999' is not between 1 and 65535", error.Message);
    }

    [Theory]
    [InlineData("me:s3cret@ghcr.io", "--mirror-registry: 'me:<redacted>@ghcr.io' holds a password in plain text")]
    [InlineData("docker hub", "--mirror-registry: 'docker hub' in 'docker hub' is not a registry host")]
    [InlineData("me:${UNSET_TOKEN}@ghcr.io", "--mirror-registry me:${UNSET_TOKEN}@ghcr.io=https://ghcr.io: the environment variable UNSET_TOKEN (the password for ghcr.io) is not set")]
    public void A_bad_mirror_is_refused_naming_the_argument(string mirror, string message)
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\n");

        var ex = RefuseWithMirrors(path, [mirror]);

        var error = Assert.Single(ex.Errors());
        Assert.Equal("argument --mirror-registry", error.Location.File);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_named_twice_is_refused()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    localRegistry:\n      registry: localhost:5050\n");

        var ex = RefuseWithMirrors(path, ["docker.io", "localhost:5050=http://elsewhere:5000", "docker.io=https://mirror.gcr.io"]);

        Assert.Equal(
            ["--mirror-registry: localhost:5050 is named twice (as the local registry already); name each registry host once", "--mirror-registry: docker.io is named twice (as a mirror already); name each registry host once"],
            ex.Errors().Select(e => e.Message));
    }

    [Fact]
    public void The_KEP_1755_ConfigMap_tells_where_the_local_registry_is()
    {
        using var dir = new ScratchDirectory();
        var registry = Assert.Single(Load(dir, "dev", "localhost:5050").Registries);

        var configMap = LocalRegistryHosting.ConfigMap(registry);

        Assert.Equal("v1", configMap["apiVersion"]!.GetValue<string>());
        Assert.Equal("ConfigMap", configMap["kind"]!.GetValue<string>());
        Assert.Equal(("local-registry-hosting", "kube-public"), (configMap["metadata"]!["name"]!.GetValue<string>(), configMap["metadata"]!["namespace"]!.GetValue<string>()));
        Assert.Equal(
            """
            host: "localhost:5050"
            hostFromContainerRuntime: "dev-local-registry:5000"
            hostFromClusterNetwork: "dev-local-registry:5000"
            help: "https://github.com/kubernetes/enhancements/tree/master/keps/sig-cluster-lifecycle/generic/1755-communicating-a-local-registry"

            """.ReplaceLineEndings("\n"),
            configMap["data"]!["localRegistryHosting.v1"]!.GetValue<string>().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_saved_spec_and_the_update_plan_never_hold_the_registry_password()
    {
        // Given an external registry whose password comes from the environment
        using var dir = new ScratchDirectory();
        var cluster = Load(dir, "dev", "me:${GHCR_TOKEN}@ghcr.io/my-org", environment: new Dictionary<string, string?> { ["GHCR_TOKEN"] = "ghp_s3cret" });
        var store = new ClusterStateStore(Path.Combine(dir.Path, "state"));

        // When its spec is saved
        store.Save(cluster, DateTimeOffset.UnixEpoch);

        // Then the file has the reference with the password masked, and the declaration used stays whole
        var saved = File.ReadAllText(store.PathOf("dev"));
        Assert.DoesNotContain("ghp_s3cret", saved, StringComparison.Ordinal);
        Assert.Equal("me:<redacted>@ghcr.io/my-org", JsonNode.Parse(saved)!["declared"]!["spec"]!["cluster"]!["localRegistry"]!["registry"]!.GetValue<string>());
        Assert.Equal("me:ghp_s3cret@ghcr.io/my-org", cluster.Declared.Spec!.Cluster!.LocalRegistry!.Registry);
    }

    [Fact]
    public void GitOps_reads_the_workload_from_the_local_registry_by_its_name_on_the_cluster_network_over_plain_HTTP()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    gitOpsEngine: Flux\n    localRegistry:\n      registry: localhost:5050/workloads\n");

        var repository = GitOpsBootstrap.For(Declarations.Load(path))[0];

        Assert.Equal("oci://dev-local-registry:5000/workloads", repository["spec"]!["url"]!.GetValue<string>());
        Assert.True(repository["spec"]!["insecure"]!.GetValue<bool>());
    }

    private static ConfigurationException RefuseWithMirrors(string path, IReadOnlyList<string> mirrors) =>
        Assert.Throws<ConfigurationException>(() => ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = path,
            WorkingDirectory = Path.GetDirectoryName(path)!,
            Environment = new Dictionary<string, string?>(),
            MirrorRegistries = mirrors,
        }));

    private static ClusterDefinition Load(ScratchDirectory dir, string name, string? registry, IReadOnlyList<string>? mirrors = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var yaml = $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n";
        if (registry is not null)
        {
            yaml += $"    localRegistry:\n      registry: \"{registry}\"\n";
        }

        var path = dir.Write("ksail.yaml", yaml);
        return ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = path,
            WorkingDirectory = dir.Path,
            Environment = environment ?? new Dictionary<string, string?>(),
            MirrorRegistries = mirrors ?? [],
            HomeDirectory = "/home/tester",
        });
    }
}
