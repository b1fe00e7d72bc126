namespace KSail.Core.Providers.Docker;

/// <summary>A mount of a container.</summary>
/// <param name="Kind">Bind, volume or tmpfs.</param>
/// <param name="Source">The host path or volume name (empty for tmpfs or an anonymous volume).</param>
/// <param name="Target">The path in the container.</param>
/// <param name="ReadOnly">Mount read-only.</param>
/// <param name="Propagation">Bind propagation (<c>rprivate</c>, <c>rshared</c>, ...), or null for Docker's default.</param>
/// <param name="CreateMissingSource">
/// For a bind: the engine creates a missing host path (as <c>docker run -v</c> does) instead of
/// refusing the container, for paths of the engine's host that cannot be checked from here.
/// </param>
/// <param name="SelinuxRelabel">
/// For a bind: the engine relabels the host path for the container's SELinux context (the <c>:Z</c>
/// of <c>docker run -v</c>, which the engine also creates a missing host path for).
/// </param>
public sealed record ContainerMount(MountKind Kind, string Source, string Target, bool ReadOnly = false, string? Propagation = null, bool CreateMissingSource = false, bool SelinuxRelabel = false);
