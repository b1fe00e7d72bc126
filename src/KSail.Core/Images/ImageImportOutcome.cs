namespace KSail.Core.Images;

/// <summary>What an import did with one image on one node.</summary>
public enum ImageImportOutcome
{
    /// <summary>Imported into the node's containerd.</summary>
    Imported,

    /// <summary>Skipped: the node has the image under that name with the same image ID already (kind#380).</summary>
    AlreadyPresent,
}
