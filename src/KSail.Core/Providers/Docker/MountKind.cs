namespace KSail.Core.Providers.Docker;

/// <summary>What is mounted into a container.</summary>
public enum MountKind
{
    /// <summary>A host path.</summary>
    Bind,

    /// <summary>A Docker volume (anonymous when the source is empty).</summary>
    Volume,

    /// <summary>An in-memory file system.</summary>
    Tmpfs,
}
