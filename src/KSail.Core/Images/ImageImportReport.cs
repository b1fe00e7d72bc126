namespace KSail.Core.Images;

/// <summary>What <c>workload import</c> did: every image on every node of the cluster.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Source">Where the images came from: the archive's path, or <c>docker</c> for the host's engine.</param>
/// <param name="Nodes">One entry per node and image, nodes in name order.</param>
public sealed record ImageImportReport(string Cluster, string Source, IReadOnlyList<NodeImageImport> Nodes)
{
    /// <summary>The images of the import, in the order asked for.</summary>
    public IReadOnlyList<string> Images => [.. Nodes.Select(n => n.Image).Distinct(StringComparer.Ordinal)];

    /// <summary>How many node-and-image pairs were imported (the rest the nodes had).</summary>
    public int ImportedCount => Nodes.Count(n => n.Outcome == ImageImportOutcome.Imported);
}
