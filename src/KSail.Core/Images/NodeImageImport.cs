namespace KSail.Core.Images;

/// <summary>One image on one node after an import.</summary>
/// <param name="Node">The node (its container name).</param>
/// <param name="Image">The image, as it was asked for (or as the archive names it).</param>
/// <param name="Outcome">Imported, or skipped because the node had it.</param>
public sealed record NodeImageImport(string Node, string Image, ImageImportOutcome Outcome);
