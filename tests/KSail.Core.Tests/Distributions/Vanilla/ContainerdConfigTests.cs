using KSail.Core.Configuration;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using Tomlyn;
using Tomlyn.Model;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// kind.yaml's containerdConfigPatches and containerdConfigPatchesJSON6902 change a node's
/// /etc/containerd/config.toml as kind changes it (kind's pkg/internal/patch/toml.go, FIDELITY K41),
/// and the registries the nodes pull through become hosts.toml files under config_path.
/// </summary>
public sealed class ContainerdConfigTests
{
    // The shape of kindest/node v0.32's config (kind images/base/files/etc/containerd/config.toml):
    // version 2, the fuse-overlayfs proxy plugin, the CRI plugin's runc and test-handler runtimes,
    // and no registry settings, so no config_path (containerd 2.x's default applies there).
    private const string KindNodeConfig = """
        version = 2

        [proxy_plugins]
        [proxy_plugins."fuse-overlayfs"]
          type = "snapshot"
          address = "/run/containerd-fuse-overlayfs.sock"

        [plugins."io.containerd.grpc.v1.cri".containerd]
          discard_unpacked_layers = true
          snapshotter = "overlayfs"
          default_runtime_name = "runc"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"
          base_runtime_spec = "/etc/containerd/cri-base.json"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
            SystemdCgroup = true
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.test-handler]
          runtime_type = "io.containerd.runc.v2"
          base_runtime_spec = "/etc/containerd/cri-base.json"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.test-handler.options]
            SystemdCgroup = true

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "registry.k8s.io/pause:3.10"
          tolerate_missing_hugepages_controller = true
          restrict_oom_score_adj = false
        """;

    // kind's local-registry recipe (https://kind.sigs.k8s.io/docs/user/local-registry/).
    private const string ConfigPathPatch = """
        [plugins."io.containerd.grpc.v1.cri".registry]
          config_path = "/etc/containerd/certs.d"
        """;

    private static TomlTable Read(string toml) => TomlSerializer.Deserialize<TomlTable>(toml)!;

    private static TomlTable Cri(TomlTable config) => (TomlTable)((TomlTable)config["plugins"])["io.containerd.grpc.v1.cri"];

    [Fact]
    public void Kinds_local_registry_recipe_sets_config_path_and_keeps_everything_else_of_kinds_node_config()
    {
        var patched = Read(ContainerdConfig.Patch(KindNodeConfig, [ConfigPathPatch], null));

        var cri = Cri(patched);
        Assert.Equal("/etc/containerd/certs.d", ((TomlTable)cri["registry"])["config_path"]);
        Assert.Equal(2L, patched["version"]);
        Assert.Equal("registry.k8s.io/pause:3.10", cri["sandbox_image"]);
        Assert.Equal(false, cri["restrict_oom_score_adj"]);
        var runc = (TomlTable)((TomlTable)((TomlTable)cri["containerd"])["runtimes"])["runc"];
        Assert.Equal(true, ((TomlTable)runc["options"])["SystemdCgroup"]);
        Assert.Equal("/run/containerd-fuse-overlayfs.sock", ((TomlTable)((TomlTable)patched["proxy_plugins"])["fuse-overlayfs"])["address"]);
    }

    [Fact]
    public void Kinds_upstream_fixture_patch_adds_its_empty_mirror_table_and_integers_stay_integers()
    {
        using var dir = new ScratchDirectory();
        dir.CopyUpstream("kind/containerd-config-patches.yaml", "kind.yaml");
        var kind = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n")).Native<KindCluster>();

        var patched = ContainerdConfig.Patch(KindNodeConfig, [.. kind.ContainerdConfigPatches!, "[plugins.\"io.containerd.grpc.v1.cri\"]\n  max_concurrent_downloads = 3\n"], null);

        var cri = Cri(Read(patched));
        var mirrors = (TomlTable)((TomlTable)cri["registry"])["mirrors"];
        Assert.Empty((TomlTable)mirrors["registry:5000"]);
        Assert.Equal(3L, cri["max_concurrent_downloads"]);
        Assert.Contains("max_concurrent_downloads = 3\n", patched, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_for_another_config_version_is_skipped_as_kind_skips_it()
    {
        var patched = Read(ContainerdConfig.Patch(KindNodeConfig, ["version = 3\n[plugins.\"io.containerd.grpc.v1.cri\"]\n  sandbox_image = \"other\"\n"], null));

        Assert.Equal("registry.k8s.io/pause:3.10", Cri(patched)["sandbox_image"]);
    }

    [Fact]
    public void JSON_6902_patches_apply_after_the_merge_patches_in_order()
    {
        var patched = Read(ContainerdConfig.Patch(
            KindNodeConfig,
            [ConfigPathPatch],
            [
                """[{"op": "replace", "path": "/plugins/io.containerd.grpc.v1.cri/registry/config_path", "value": "/etc/containerd/certs.d:/etc/docker/certs.d"}]""",
                """[{"op": "remove", "path": "/proxy_plugins"}, {"op": "add", "path": "/plugins/io.containerd.grpc.v1.cri/max_concurrent_downloads", "value": 5}]""",
            ]));

        Assert.Equal("/etc/containerd/certs.d:/etc/docker/certs.d", ((TomlTable)Cri(patched)["registry"])["config_path"]);
        Assert.False(patched.ContainsKey("proxy_plugins"));
        Assert.Equal(5L, Cri(patched)["max_concurrent_downloads"]);
    }

    [Fact]
    public void Bad_patches_and_a_config_without_version_are_refused_naming_the_patch()
    {
        var toml = Assert.Throws<FormatException>(() => ContainerdConfig.Patch(KindNodeConfig, [ConfigPathPatch, "[plugins\nbroken"], null));
        Assert.Contains("containerdConfigPatches[1]", toml.Message, StringComparison.Ordinal);

        var json = Assert.Throws<FormatException>(() => ContainerdConfig.Patch(KindNodeConfig, null, ["""[{"op": "remove", "path": "/nowhere"}]"""]));
        Assert.Contains("containerdConfigPatchesJSON6902[0]", json.Message, StringComparison.Ordinal);

        var yaml = Assert.Throws<FormatException>(() => ContainerdConfig.Patch(KindNodeConfig, null, ["- op: remove\n  path: /proxy_plugins\n"]));
        Assert.Contains("not valid JSON", yaml.Message, StringComparison.Ordinal);

        var unversioned = Assert.Throws<FormatException>(() => ContainerdConfig.Patch("[plugins]\n", [ConfigPathPatch], null));
        Assert.Contains("no version", unversioned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registries_set_config_path_where_kinds_node_config_has_none_and_each_gets_a_hosts_toml()
    {
        NodeRegistryMirror[] mirrors = [new("localhost:5050", "http://k-local-registry:5000"), new("docker.io", "http://k-docker.io:5000")];

        var (config, directory) = ContainerdConfig.WithRegistryHosts(KindNodeConfig, mirrors);

        Assert.Equal("/etc/containerd/certs.d", directory);
        Assert.Equal("/etc/containerd/certs.d", ((TomlTable)Cri(Read(config!))["registry"])["config_path"]);
        var local = Read(ContainerdConfig.HostsToml(mirrors[0]));
        Assert.Equal("https://localhost:5050", local["server"]);
        var host = (TomlTable)((TomlTable)local["host"])["http://k-local-registry:5000"];
        Assert.Equal(new object[] { "pull", "resolve" }, ((TomlArray)host["capabilities"]).ToArray());
        Assert.Equal("https://registry-1.docker.io", Read(ContainerdConfig.HostsToml(mirrors[1]))["server"]);
    }

    [Fact]
    public void A_config_with_its_own_config_path_is_kept_and_one_with_old_style_mirrors_gets_mirrors_entries_instead()
    {
        var own = KindNodeConfig + "\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\n  config_path = \"/etc/containerd/certs.d:/etc/docker/certs.d\"\n";
        Assert.Equal((null, "/etc/containerd/certs.d"), ContainerdConfig.WithRegistryHosts(own, [new("docker.io", "http://m:5000")]));

        // containerd refuses config_path together with registry.mirrors, so the mirrors go there.
        var legacy = ContainerdConfig.Patch(KindNodeConfig, ["[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"quay.io\"]\n  endpoint = [\"http://q:5000\"]\n"], null);
        var (config, directory) = ContainerdConfig.WithRegistryHosts(legacy, [new("docker.io", "http://m:5000"), new("quay.io", "http://other:5000")]);

        Assert.Null(directory);
        var registry = (TomlTable)Cri(Read(config!))["registry"];
        Assert.False(registry.ContainsKey("config_path"));
        var mirrors = (TomlTable)registry["mirrors"];
        Assert.Equal(new object[] { "http://m:5000" }, ((TomlArray)((TomlTable)mirrors["docker.io"])["endpoint"]).ToArray());
        Assert.Equal(new object[] { "http://q:5000" }, ((TomlArray)((TomlTable)mirrors["quay.io"])["endpoint"]).ToArray());
    }

    [Fact]
    public void The_test_beds_kind_node_config_sets_no_config_path_as_kindest_node_v0_32()
    {
        var bed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "testbed", "kind-node", "containerd-config.toml"));

        var (config, directory) = ContainerdConfig.WithRegistryHosts(bed, [new("localhost:5050", "http://r:5000")]);

        Assert.NotNull(config);
        Assert.Equal("/etc/containerd/certs.d", directory);
    }

    [Fact]
    public void Kind_yaml_patches_that_do_not_read_are_errors_at_their_line()
    {
        using var dir = new ScratchDirectory();
        dir.Write("kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\ncontainerdConfigPatches:\n- |-\n  [plugins\ncontainerdConfigPatchesJSON6902:\n- '{\"op\": \"add\"}'\n");
        var refused = Declarations.Refuse(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n"));

        var errors = refused.Errors();
        Assert.Contains(errors, e => e.Message.StartsWith("containerdConfigPatches[0]: ", StringComparison.Ordinal) && e.Location.Line == 4);
        Assert.Contains(errors, e => e.Message.StartsWith("containerdConfigPatchesJSON6902[0]: ", StringComparison.Ordinal) && e.Location.Line == 7);
    }

    [Fact]
    public void The_mirrors_directory_gives_each_host_its_file_a_declared_registry_wins_and_a_mounted_host_is_left_to_its_mount()
    {
        using var dir = new ScratchDirectory();
        dir.Write("mirrors/docker.io/hosts.toml", "server = \"https://registry-1.docker.io\"\n");
        dir.Write("mirrors/ghcr.io/hosts.toml", "server = \"https://ghcr.io\"\n");
        dir.Write("mirrors/notes/README", "no hosts.toml here");
        dir.Write("kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraMounts:\n  - hostPath: /srv/ghcr\n    containerPath: /etc/containerd/certs.d/ghcr.io\n");
        var cluster = K3s.K3sRegistriesTests.WithMirrors(
            Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: md\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n    vanilla:\n      mirrorsDir: mirrors\n")),
            new NodeRegistryMirror("docker.io", "http://md-docker.io:5000"));

        var hosts = KindRegistryHosts.For(cluster);

        Assert.Equal(Path.Combine(dir.Path, "mirrors"), KindRegistryHosts.MirrorsDirectory(cluster));
        Assert.Equal(["docker.io", "ghcr.io"], hosts.Select(h => h.Host));
        Assert.Contains("http://md-docker.io:5000", hosts[0].Content, StringComparison.Ordinal);
        Assert.Null(hosts[1].Mirror);
        Assert.Equal(["ghcr.io"], KindRegistryHosts.Mounted(cluster, "md-control-plane"));
        Assert.Empty(cluster.Warnings);
    }
}
