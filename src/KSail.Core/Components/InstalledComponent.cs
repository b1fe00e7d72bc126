namespace KSail.Core.Components;

/// <summary>A component found in a cluster.</summary>
/// <param name="Name">The component (KSail.NET's name, or the Helm release's).</param>
/// <param name="Version">Its version, when known.</param>
/// <param name="InstalledBy"><c>KSail.NET</c>, or <c>Helm</c> for a release KSail.NET did not install.</param>
/// <param name="Namespace">Where it runs.</param>
public sealed record InstalledComponent(string Name, string? Version, string InstalledBy, string? Namespace);
