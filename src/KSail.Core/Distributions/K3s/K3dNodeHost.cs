namespace KSail.Core.Distributions.K3s;

/// <summary>What k3d decides about the host once per create for its servers and agents: the fixes they get, and whether the engine is Docker Desktop's (where the DNS fix's gateway is Docker's host gateway).</summary>
/// <param name="Fixes">The fixes that are on.</param>
/// <param name="DockerDesktop">Whether the engine is Docker Desktop's.</param>
internal sealed record K3dNodeHost(K3dFixes Fixes, bool DockerDesktop)
{
    /// <summary>No fix, not Docker Desktop: nodes keep the image's entry point.</summary>
    public static K3dNodeHost Plain { get; } = new(K3dFixes.None, false);
}
