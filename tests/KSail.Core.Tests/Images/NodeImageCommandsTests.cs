using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.Images;
using KSail.Core.Providers;

namespace KSail.Core.Tests.Images;

/// <summary>
/// The command lines image import and export run in each distribution's nodes, and what they read
/// back: kind's <c>ctr --namespace=k8s.io images import ... --snapshotter=... -</c> (kind
/// <c>pkg/cluster/nodeutils/util.go</c>), k3s's containerd at its own socket (k3d
/// <c>pkg/client/tools.go</c>), every one pinned to the node's platform (kind#3795).
/// </summary>
public sealed class NodeImageCommandsTests
{
    private static readonly INodeImages Vanilla = DistributionRegistry.For(Distribution.Vanilla).Images;
    private static readonly INodeImages K3s = DistributionRegistry.For(Distribution.K3s).Images;

    [Fact]
    public void Vanilla_imports_with_kinds_ctr_into_the_k8s_io_namespace_for_the_nodes_platform_only_into_its_snapshotter()
    {
        var command = CtrCommands.Import(Vanilla, new ImagePlatform("linux", "amd64"), "overlayfs");

        Assert.Equal(["ctr", "--namespace=k8s.io", "images", "import", "--platform", "linux/amd64", "--digests", "--snapshotter=overlayfs", "-"], command);
    }

    [Fact]
    public void K3s_imports_into_k3s_containerd_at_its_own_socket_and_without_a_snapshotter_uses_containerds_default()
    {
        var command = CtrCommands.Import(K3s, new ImagePlatform("linux", "arm64", "v8"), null);

        Assert.Equal(["ctr", "--address", "/run/k3s/containerd/containerd.sock", "--namespace", "k8s.io", "images", "import", "--platform", "linux/arm64/v8", "--digests", "-"], command);
    }

    [Theory]
    [InlineData(Distribution.Vanilla)]
    [InlineData(Distribution.K3s)]
    public void No_command_asks_for_every_platform_and_each_that_moves_content_names_the_nodes(Distribution distribution)
    {
        // kind#3795: an archive from Docker's containerd image store lists every platform of a
        // multi-platform image but holds one; --all-platforms (kind's, k3d's) fails on the others.
        var node = DistributionRegistry.For(distribution).Images;
        var platform = new ImagePlatform("linux", "arm", "v7");
        var import = CtrCommands.Import(node, platform, "native");
        var export = CtrCommands.Export(node, platform, ["docker.io/library/app:dev"]);

        Assert.DoesNotContain("--all-platforms", import);
        Assert.DoesNotContain("--all-platforms", export);
        Assert.Equal("linux/arm/v7", import[import.ToList().IndexOf("--platform") + 1]);
        Assert.Equal([.. node.Ctr, "images", "export", "--platform", "linux/arm/v7", "-", "docker.io/library/app:dev"], export);
        Assert.Equal([.. node.Ctr, "images", "ls"], CtrCommands.List(node));
        Assert.Equal([.. node.Ctr, "content", "get", "sha256:abc"], CtrCommands.Content(node, "sha256:abc"));
    }

    [Fact]
    public void Only_control_planes_and_workers_hold_images_not_load_balancers()
    {
        static ContainerSummary Node(string label, string role) => new("id", "n", "running", new Dictionary<string, string> { [label] = role });

        Assert.True(Vanilla.HoldsImages(Node("io.x-k8s.kind.role", "control-plane")));
        Assert.True(Vanilla.HoldsImages(Node("io.x-k8s.kind.role", "worker")));
        Assert.False(Vanilla.HoldsImages(Node("io.x-k8s.kind.role", "external-load-balancer")));
        Assert.True(K3s.HoldsImages(Node("k3d.role", "server")));
        Assert.True(K3s.HoldsImages(Node("k3d.role", "agent")));
        Assert.False(K3s.HoldsImages(Node("k3d.role", "loadbalancer")));
        Assert.False(K3s.HoldsImages(Node("k3d.role", "registry")));
    }

    [Theory]
    [InlineData("version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n  snapshotter = \"overlayfs\"\n", "overlayfs")]
    [InlineData("version = 2\n[plugins]\n  [plugins.\"io.containerd.grpc.v1.cri\"]\n    [plugins.\"io.containerd.grpc.v1.cri\".containerd]\n      default_runtime_name = \"runc\"\n      snapshotter = \"fuse-overlayfs\" # rootless\n", "fuse-overlayfs")]
    [InlineData("version = 3\n[plugins.\"io.containerd.cri.v1.images\"]\n  snapshotter = \"native\"\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n  snapshotter = \"overlayfs\"\n", "native")]
    [InlineData("version = 4\n[plugins.'io.containerd.cri.v1.images']\n  snapshotter = 'overlayfs'\n", "overlayfs")]
    public void The_snapshotter_is_read_where_the_config_version_puts_it_as_kind_reads_it(string config, string expected) =>
        // kind's parseSnapshotter: version 2 under the CRI plugin's containerd table, 3 and 4 under cri.v1.images.
        Assert.Equal(expected, ContainerdSnapshotter.Read(config));

    [Theory]
    [InlineData("[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n  snapshotter = \"overlayfs\"\n", "names no version")]
    [InlineData("version = 5\n", "version 5")]
    [InlineData("version = 2\n[plugins.\"io.containerd.cri.v1.images\"]\n  snapshotter = \"overlayfs\"\n", "sets no snapshotter")]
    public void A_config_without_a_known_version_or_snapshotter_is_refused_naming_why(string config, string says)
    {
        var ex = Assert.Throws<FormatException>(() => ContainerdSnapshotter.Read(config));

        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("myapp:dev", "docker.io/library/myapp:dev")]
    [InlineData("myapp", "docker.io/library/myapp:latest")]
    [InlineData("org/app", "docker.io/org/app:latest")]
    [InlineData("ksail-test/pod:1a2b", "docker.io/ksail-test/pod:1a2b")]
    [InlineData("localhost/app:1", "localhost/app:1")]
    [InlineData("localhost:5050/app", "localhost:5050/app:latest")]
    [InlineData("registry.example.com/team/app:2", "registry.example.com/team/app:2")]
    [InlineData("docker.io/library/app:1", "docker.io/library/app:1")]
    [InlineData("app@sha256:0123", "docker.io/library/app@sha256:0123")]
    public void Names_are_normalized_as_containerd_stores_them_as_kind_sanitizes_them(string image, string stored) =>
        Assert.Equal(stored, ImageReference.Normalize(image));

    [Fact]
    public void Ctr_images_ls_gives_each_name_its_target_digest()
    {
        const string output = """
            REF                                   TYPE                                                      DIGEST                                                                  SIZE    PLATFORMS   LABELS
            docker.io/library/app:dev             application/vnd.docker.distribution.manifest.v2+json      sha256:1111111111111111111111111111111111111111111111111111111111111111 1.1 MiB linux/amd64 -
            import-2026-12-06@sha256:2222         application/vnd.oci.image.index.v1+json                   sha256:2222222222222222222222222222222222222222222222222222222222222222 1.1 MiB linux/amd64 -
            """;

        var images = NodeImageList.Parse(output);

        Assert.Equal(2, images.Count);
        Assert.Equal("sha256:1111111111111111111111111111111111111111111111111111111111111111", images["docker.io/library/app:dev"]);
    }

    [Fact]
    public void An_index_leads_to_the_manifest_of_the_nodes_platform_and_a_manifest_to_its_config_the_image_ID()
    {
        const string index = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:arm","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:amd","size":1,"platform":{"architecture":"amd64","os":"linux"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:att","size":1,"platform":{"architecture":"unknown","os":"unknown"}}]}
            """;
        const string manifest = """{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:config","size":1},"layers":[]}""";

        Assert.Equal((NodeImageList.NextBlob.Manifest, "sha256:amd"), NodeImageList.Next(index, new ImagePlatform("linux", "amd64")));
        Assert.Equal((NodeImageList.NextBlob.Manifest, "sha256:arm"), NodeImageList.Next(index, new ImagePlatform("linux", "arm64")));
        Assert.Null(NodeImageList.Next(index, new ImagePlatform("linux", "s390x")));
        Assert.Equal((NodeImageList.NextBlob.Config, "sha256:config"), NodeImageList.Next(manifest, new ImagePlatform("linux", "amd64")));
    }

    [Theory]
    [InlineData("linux", "amd64", null, "linux", "amd64", null, true)]
    [InlineData("linux", "arm64", "v8", "linux", "arm64", null, true)]
    [InlineData("linux", "arm", "v7", "linux", "arm", "v6", false)]
    [InlineData("linux", "amd64", null, "linux", "arm64", null, false)]
    [InlineData("linux", "amd64", null, "windows", "amd64", null, false)]
    public void A_node_runs_an_image_of_its_OS_and_architecture_and_variant_when_both_name_one(string os, string arch, string? variant, string imageOs, string imageArch, string? imageVariant, bool runs) =>
        Assert.Equal(runs, new ImagePlatform(os, arch, variant).Runs(new ImagePlatform(imageOs, imageArch, imageVariant)));
}
