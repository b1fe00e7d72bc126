using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Workloads;
using KSail.Testing;

namespace KSail.Core.Tests.Workloads;

/// <summary>
/// The workload's OCI artifact as KSail packs it (pkg/client/oci/builder_impl.go) and the reference
/// of <c>workload push</c> as KSail reads it (pkg/client/oci/reference.go).
/// </summary>
public sealed class WorkloadArtifactTests
{
    [Fact]
    public void The_manifests_are_packed_sorted_at_their_relative_paths_and_other_files_are_left_out()
    {
        using var dir = new ScratchDirectory();
        dir.Write("k8s/kustomization.yaml", "resources: [apps/web.yml]\n");
        dir.Write("k8s/apps/web.yml", "kind: ConfigMap\n");
        dir.Write("k8s/apps/extra.json", "{}\n");
        dir.Write("k8s/README.md", "not a manifest\n");

        var artifact = WorkloadArtifact.Pack(Path.Combine(dir.Path, "k8s"), SourceLocation.FromArgument("--path"));

        Assert.Equal(["apps/extra.json", "apps/web.yml", "kustomization.yaml"], artifact.Files);
        var entries = Extract(artifact.Layer);
        Assert.Equal(artifact.Files, entries.Select(e => e.Name));
        Assert.Equal("kind: ConfigMap\n", entries[1].Content);
        Assert.All(entries, e => Assert.Equal((0, 0, DateTimeOffset.UnixEpoch), (e.Uid, e.Gid, e.Time)));
    }

    [Fact]
    public void The_same_manifests_give_the_same_digests_whatever_their_times()
    {
        using var dir = new ScratchDirectory();
        var file = dir.Write("k8s/kustomization.yaml", "resources: []\n");
        var first = WorkloadArtifact.Pack(Path.Combine(dir.Path, "k8s"), SourceLocation.FromArgument("--path"));
        File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        var second = WorkloadArtifact.Pack(Path.Combine(dir.Path, "k8s"), SourceLocation.FromArgument("--path"));

        Assert.Equal(first.Layer, second.Layer);
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public void The_manifest_names_the_OCI_layer_for_Argo_CD_and_Flux_and_Flux_config()
    {
        var artifact = WorkloadArtifact.Empty();
        var manifest = JsonNode.Parse(artifact.Manifest)!;

        Assert.Equal(2, manifest["schemaVersion"]!.GetValue<int>());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest["mediaType"]!.GetValue<string>());
        Assert.Equal("application/vnd.cncf.flux.config.v1+json", manifest["config"]!["mediaType"]!.GetValue<string>());
        Assert.Equal(WorkloadArtifact.DigestOf(artifact.Config), manifest["config"]!["digest"]!.GetValue<string>());
        var layer = Assert.Single(manifest["layers"]!.AsArray())!;
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", layer["mediaType"]!.GetValue<string>());
        Assert.Equal((WorkloadArtifact.DigestOf(artifact.Layer), artifact.Layer.Length), (layer["digest"]!.GetValue<string>(), layer["size"]!.GetValue<int>()));
        Assert.Equal("kustomization.yaml", Assert.Single(Extract(artifact.Layer)).Name);
    }

    [Fact]
    public void A_missing_or_empty_source_directory_and_an_empty_manifest_are_refused_where_named()
    {
        using var dir = new ScratchDirectory();
        var at = SourceLocation.FromArgument("--path");
        var missing = Assert.Throws<ConfigurationException>(() => WorkloadArtifact.Pack(Path.Combine(dir.Path, "none"), at));
        Assert.Contains($"the source directory {Path.Combine(dir.Path, "none")} does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);

        dir.Write("empty/notes.txt", "no manifests here\n");
        var empty = Assert.Throws<ConfigurationException>(() => WorkloadArtifact.Pack(Path.Combine(dir.Path, "empty"), at));
        Assert.Contains("holds no manifests (no .yaml, .yml, .json files)", empty.Message, StringComparison.Ordinal);
        Assert.Equal("argument --path", Assert.Single(empty.Diagnostics).Location.File);

        dir.Write("blank/kustomization.yaml", string.Empty);
        var blank = Assert.Throws<ConfigurationException>(() => WorkloadArtifact.Pack(Path.Combine(dir.Path, "blank"), at));
        Assert.Contains("kustomization.yaml is empty", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_whose_file_name_the_ustar_tar_cannot_hold_is_refused_where_named()
    {
        using var dir = new ScratchDirectory();
        dir.Write("long/" + new string('m', 120) + ".yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        var refused = Assert.Throws<ConfigurationException>(() => WorkloadArtifact.Pack(Path.Combine(dir.Path, "long"), SourceLocation.FromArgument("--path")));
        Assert.Contains("is too long for the artifact's tar", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, refused.ExitCode);
    }

    [Theory]
    [InlineData("oci://localhost:5050/k8s:dev", "localhost", 5050, "k8s", null, "dev")]
    [InlineData("oci://localhost:5050/my-app/base:v1.0.0", "localhost", 5050, "my-app", "base", "v1.0.0")]
    [InlineData("oci://ghcr.io/org/repo", "ghcr.io", null, "org", "repo", null)]
    [InlineData("oci://registry.example.com:443/workloads:latest", "registry.example.com", 443, "workloads", null, "latest")]
    public void An_OCI_reference_is_read_as_KSail_reads_it(string text, string host, int? port, string repository, string? variant, string? reference)
    {
        Assert.Equal(new OciReference(host, port, repository, variant, reference), OciReference.Parse(text));
    }

    [Theory]
    [InlineData("localhost:5050/k8s:dev", "it must start with oci://")]
    [InlineData("oci://localhost:5050", "names no repository")]
    [InlineData("oci://localhost:99999/k8s", "'99999' in 'oci://localhost:99999/k8s' is not a port")]
    public void A_reference_that_is_not_an_OCI_reference_is_refused(string text, string says)
    {
        var refused = Assert.Throws<ConfigurationException>(() => OciReference.Parse(text));
        Assert.Contains(says, refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, refused.ExitCode);
    }

    [Theory]
    [InlineData("k8s", "k8s")]
    [InlineData("./k8s", "k8s")]
    [InlineData("deploy/K8s", "deploy-k8s")]
    [InlineData("...", "ksail-workloads")]
    public void The_repository_is_the_source_directory_as_a_DNS_label(string directory, string repository) =>
        Assert.Equal(repository, WorkloadPush.RepositoryName(directory));

    /// <summary>The entries of a gzipped tar: name, content, owner and time.</summary>
    internal static List<(string Name, string Content, int Uid, int Gid, DateTimeOffset Time)> Extract(byte[] layer)
    {
        using var gzip = new GZipStream(new MemoryStream(layer), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var entries = new List<(string, string, int, int, DateTimeOffset)>();
        while (tar.GetNextEntry(copyData: true) is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
            entries.Add((entry.Name, reader.ReadToEnd(), entry.Uid, entry.Gid, entry.ModificationTime));
        }

        return entries;
    }
}
