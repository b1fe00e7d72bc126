namespace KSail.Core.Providers.Docker;

/// <summary>A file written into a container after it is created and before it starts (as k3d's pre-start hooks write them).</summary>
/// <param name="Path">The absolute path in the container (missing directories are created when it is written before start).</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Mode">Its permission bits (default 0644).</param>
public sealed record ContainerFile(string Path, byte[] Content, int Mode = 420);
