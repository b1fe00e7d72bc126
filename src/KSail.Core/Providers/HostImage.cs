namespace KSail.Core.Providers;

/// <summary>An image the host's engine has (<c>docker image inspect</c>).</summary>
/// <param name="Name">The name it was asked for by.</param>
/// <param name="Id">
/// The engine's image ID: the config's digest with Docker's classic image store, the digest of the
/// image's manifest or index with the containerd image store.
/// </param>
/// <param name="Platform">The platform the engine reports for it.</param>
public sealed record HostImage(string Name, string Id, ImagePlatform Platform);
