namespace KSail.Core.Images;

/// <summary>What <c>workload export</c> wrote.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Node">The node the images were read from (a control plane, as KSail picks it).</param>
/// <param name="Archive">The archive written (full path).</param>
/// <param name="Platform">The platform exported (the node's).</param>
/// <param name="Images">The images in the archive, as the node's containerd names them.</param>
public sealed record ImageExportReport(string Cluster, string Node, string Archive, string Platform, IReadOnlyList<string> Images);
