using KSail.Core.Configuration;
using KSail.Core.Distributions;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;

namespace KSail.Core.Images;

/// <summary>
/// Images into and out of a running cluster's nodes, for every distribution alike: an archive
/// streamed into each node's containerd (KSail's <c>workload import</c>), images from the host's
/// engine as kind's <c>load docker-image</c> loads them (skipping the nodes that have the same image
/// ID, kind#380), and an archive exported from a control plane (KSail's <c>workload export</c>).
/// What differs per distribution comes from its <see cref="INodeImages"/>.
/// </summary>
internal sealed class ClusterImages
{
    private readonly IContainerProvider provider;
    private readonly IProgress<ProgressEvent>? progress;

    public ClusterImages(IProvider provider, IProgress<ProgressEvent>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        this.provider = provider as IContainerProvider
            ?? throw new ProviderUnavailableException($"the {provider.Id} provider runs no node containers to import images into");
        this.progress = progress;
    }

    /// <summary>Imports the archive at <paramref name="archive"/> into every node of <paramref name="cluster"/>.</summary>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="archive">The archive (full path).</param>
    /// <param name="from">Where the archive was named, for the error when it does not exist.</param>
    /// <param name="ct">Cancels the import.</param>
    /// <exception cref="ConfigurationException">The archive does not exist (exit code 3).</exception>
    /// <exception cref="ProvisioningException">No such running cluster, or a node's import failed (exit code 5).</exception>
    public async Task<ImageImportReport> ImportArchiveAsync(string cluster, string archive, SourceLocation from, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (!File.Exists(archive))
        {
            throw new ConfigurationException(from, $"the image archive {archive} does not exist; write one with 'ksail workload export' or 'docker save -o {Path.GetFileName(archive)} IMAGE...'");
        }

        var (distribution, nodes) = await NodesAsync(cluster, ct).ConfigureAwait(false);
        var names = await ImageArchive.NamesAsync(archive, ct).ConfigureAwait(false);
        var shown = names.Count > 0 ? names : [Path.GetFileName(archive)];
        progress?.Report(new ProgressEvent("import images", $"{string.Join(", ", shown)} from {archive} into {string.Join(", ", nodes.Select(n => n.Name))}"));
        await Task.WhenAll(nodes.Select(node => ImportIntoAsync(distribution.Images, node.Name, archive, ct))).ConfigureAwait(false);
        return new ImageImportReport(cluster, archive, [.. nodes.SelectMany(node => shown.Select(image => new NodeImageImport(node.Name, image, ImageImportOutcome.Imported)))]);
    }

    /// <summary>
    /// Imports <paramref name="images"/> from the host's engine into every node of <paramref name="cluster"/>
    /// that does not have them under that name with the same image ID, as kind's <c>load docker-image</c>.
    /// </summary>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="images">The images, as the host's engine names them.</param>
    /// <param name="from">Where the images were named, for the error when the host lacks one.</param>
    /// <param name="ct">Cancels the import.</param>
    /// <exception cref="ConfigurationException">The host's engine lacks an image, or has it for another platform than the nodes run (exit code 3).</exception>
    /// <exception cref="ProvisioningException">No such running cluster, or a node's import failed (exit code 5).</exception>
    public async Task<ImageImportReport> ImportFromHostAsync(string cluster, IReadOnlyList<string> images, SourceLocation from, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var wanted = images.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new ConfigurationException(from, "no image named; name at least one image the host's Docker has");
        }

        // Every image must be on the host before anything happens (kind: "image: ... not present locally").
        var found = new List<HostImage>();
        foreach (var image in wanted)
        {
            found.Add(await provider.InspectImageAsync(image, ct).ConfigureAwait(false)
                ?? throw new ConfigurationException(from, $"the image {image} is not present in the host's Docker; build or pull it first ('docker build -t {image} .', 'docker pull {image}')"));
        }

        var (distribution, nodes) = await NodesAsync(cluster, ct).ConfigureAwait(false);
        var store = distribution.Images;
        var plans = await Task.WhenAll(nodes.Select(node => PlanAsync(store, node.Name, found, ct))).ConfigureAwait(false);
        foreach (var (node, platform, _) in plans)
        {
            if (found.FirstOrDefault(image => image.Platform.Architecture.Length > 0 && !platform.Runs(image.Platform)) is { } foreign)
            {
                throw new ConfigurationException(from, $"the image {foreign.Name} is built for {foreign.Platform}, but the node {node} runs {platform}; build it for the nodes' platform ('docker build --platform {platform} ...')");
            }
        }

        var needing = plans.Where(p => p.Missing.Count > 0).ToList();
        if (needing.Count > 0)
        {
            // As kind: one archive of every image, saved once, loaded into the nodes that lack one of them.
            var archive = Path.Combine(Path.GetTempPath(), $"ksail-images-{Guid.NewGuid():N}.tar");
            try
            {
                progress?.Report(new ProgressEvent("save images", string.Join(", ", wanted)));
                var file = File.Create(archive);
                await using (file.ConfigureAwait(false))
                {
                    await provider.SaveImagesAsync(wanted, file, ct).ConfigureAwait(false);
                }

                progress?.Report(new ProgressEvent("import images", $"{string.Join(", ", wanted)} into {string.Join(", ", needing.Select(p => p.Node))}"));
                await Task.WhenAll(needing.Select(p => ImportIntoAsync(store, p.Node, archive, ct))).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(archive);
            }
        }

        foreach (var (node, _, missing) in plans.Where(p => p.Missing.Count < wanted.Count))
        {
            progress?.Report(new ProgressEvent("import images", $"{node} has {string.Join(", ", wanted.Except(missing, StringComparer.Ordinal))} with the same image ID already; skipped", ProgressLevel.Debug));
        }

        return new ImageImportReport(
            cluster,
            "docker",
            [.. plans.SelectMany(p => wanted.Select(image => new NodeImageImport(p.Node, image, p.Missing.Contains(image) ? ImageImportOutcome.Imported : ImageImportOutcome.AlreadyPresent)))]);
    }

    /// <summary>
    /// Exports <paramref name="images"/> (every named image when empty, as KSail) from a control plane
    /// of <paramref name="cluster"/> into the archive <paramref name="archive"/>, for the node's platform.
    /// </summary>
    /// <exception cref="ConfigurationException">A named image is not in the node (exit code 3).</exception>
    /// <exception cref="ProvisioningException">No such running cluster, no image in it, or the export failed (exit code 5).</exception>
    public async Task<ImageExportReport> ExportAsync(string cluster, string archive, IReadOnlyList<string> images, SourceLocation from, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(images);
        var (distribution, nodes) = await NodesAsync(cluster, ct).ConfigureAwait(false);
        var node = nodes.FirstOrDefault(n => n.Labels.GetValueOrDefault(distribution.RoleLabel) == distribution.ControlPlaneRole) ?? nodes[0];
        var store = distribution.Images;
        var present = await ListAsync(store, node.Name, ct).ConfigureAwait(false);
        List<string> refs;
        if (images.Count == 0)
        {
            // KSail's export of everything: the named images, not containerd's digest-only ones.
            refs = [.. present.Keys.Where(r => !r.StartsWith("sha256:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            if (refs.Count == 0)
            {
                throw new ProvisioningException($"the node {node.Name} of cluster '{cluster}' has no images to export");
            }
        }
        else
        {
            refs = [.. images.Select(ImageReference.Normalize).Distinct(StringComparer.Ordinal)];
            if (refs.FirstOrDefault(r => !present.ContainsKey(r)) is { } absent)
            {
                throw new ConfigurationException(from, $"the image {absent} is not in the node {node.Name} of cluster '{cluster}'; list them with 'docker exec {node.Name} {string.Join(' ', CtrCommands.List(store))}'");
            }
        }

        var platform = await provider.PlatformAsync(node.Name, ct).ConfigureAwait(false);
        var directory = Path.GetDirectoryName(archive);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        progress?.Report(new ProgressEvent("export images", $"{refs.Count} image{(refs.Count == 1 ? string.Empty : "s")} ({platform}) from {node.Name} to {archive}"));
        var partial = archive + ".partial";
        try
        {
            ExecResult result;
            var file = File.Create(partial);
            await using (file.ConfigureAwait(false))
            {
                result = await provider.ExecStreamingAsync(node.Name, CtrCommands.Export(store, platform, refs), null, file, ct).ConfigureAwait(false);
            }

            if (result.ExitCode != 0)
            {
                throw new ProvisioningException($"exporting images from {node.Name} failed (ctr exited {result.ExitCode}): {result.Error.Trim()}");
            }

            File.Move(partial, archive, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return new ImageExportReport(cluster, node.Name, archive, platform.ToString(), refs);
    }

    // The running nodes of the cluster that hold images, and its distribution.
    private async Task<(IDistribution Distribution, IReadOnlyList<ContainerSummary> Nodes)> NodesAsync(string cluster, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        var all = await provider.ListAnyAsync(ClusterLifecycle.LabelsOf(cluster), ct).ConfigureAwait(false);
        var distribution = all.Select(n => DistributionRegistry.OwnerOf(n.Labels)).FirstOrDefault(d => d is not null)
            ?? throw new ProvisioningException($"no cluster named '{cluster}' exists; see 'ksail cluster list'");
        var nodes = all.Where(distribution.Images.HoldsImages).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        if (nodes.Count == 0)
        {
            throw new ProvisioningException($"cluster '{cluster}' has no nodes that run Pods");
        }

        if (nodes.FirstOrDefault(n => n.State != "running") is { } stopped)
        {
            throw new ProvisioningException($"the node {stopped.Name} of cluster '{cluster}' is {stopped.State}; start the cluster with 'ksail cluster start'");
        }

        return (distribution, nodes);
    }

    // Streams the archive into one node's containerd, for the node's platform.
    private async Task ImportIntoAsync(INodeImages store, string node, string archive, CancellationToken ct)
    {
        var platform = await provider.PlatformAsync(node, ct).ConfigureAwait(false);
        var snapshotter = await store.SnapshotterAsync(provider, node, ct).ConfigureAwait(false);
        ExecResult result;
        var file = File.OpenRead(archive);
        await using (file.ConfigureAwait(false))
        {
            result = await provider.ExecStreamingAsync(node, CtrCommands.Import(store, platform, snapshotter), file, null, ct).ConfigureAwait(false);
        }

        if (result.ExitCode != 0)
        {
            throw new ProvisioningException($"importing images into {node} failed (ctr exited {result.ExitCode}): {(result.Error + result.Output).Trim()}");
        }
    }

    // Which of the images a node lacks: not under that name, or under it with another image ID.
    private async Task<(string Node, ImagePlatform Platform, IReadOnlyList<string> Missing)> PlanAsync(INodeImages store, string node, IReadOnlyList<HostImage> images, CancellationToken ct)
    {
        var platform = await provider.PlatformAsync(node, ct).ConfigureAwait(false);
        var present = await ListAsync(store, node, ct).ConfigureAwait(false);
        var missing = new List<string>();
        foreach (var image in images)
        {
            if (!present.TryGetValue(ImageReference.Normalize(image.Name), out var target)
                || !(await IdsAsync(store, node, target, platform, ct).ConfigureAwait(false)).Contains(image.Id))
            {
                missing.Add(image.Name);
            }
        }

        return (node, platform, missing);
    }

    private async Task<IReadOnlyDictionary<string, string>> ListAsync(INodeImages store, string node, CancellationToken ct)
    {
        var listed = await provider.ExecAsync(node, CtrCommands.List(store), ct: ct).ConfigureAwait(false);
        return listed.ExitCode == 0
            ? NodeImageList.Parse(listed.Output)
            : throw new ProvisioningException($"listing the images of {node} failed (ctr exited {listed.ExitCode}): {listed.Error.Trim()}");
    }

    // The IDs an image stored under target has in the node: the target's digest (Docker's ID with the
    // containerd image store) and its config's digest for the node's platform (Docker's classic ID, and
    // the ID kind reads with crictl).
    private async Task<HashSet<string>> IdsAsync(INodeImages store, string node, string target, ImagePlatform platform, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { target };
        var digest = target;
        for (var depth = 0; depth < 3; depth++)
        {
            var blob = await provider.ExecAsync(node, CtrCommands.Content(store, digest), ct: ct).ConfigureAwait(false);
            (NodeImageList.NextBlob Kind, string Digest)? found;
            try
            {
                found = blob.ExitCode == 0 ? NodeImageList.Next(blob.Output, platform) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                found = null; // not a manifest: the node has it some other way; import it again
            }

            if (found is not { } next)
            {
                break;
            }

            if (next.Kind == NodeImageList.NextBlob.Config)
            {
                ids.Add(next.Digest);
                break;
            }

            ids.Add(next.Digest);
            digest = next.Digest;
        }

        return ids;
    }
}
