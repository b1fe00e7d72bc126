namespace KSail.Core.Readiness;

/// <summary>A node as Kubernetes sees it.</summary>
/// <param name="Name">The node name.</param>
/// <param name="Ready">Whether its Ready condition is True.</param>
/// <param name="Conditions">Every condition as <c>Type=Status</c>.</param>
public sealed record NodeHealth(string Name, bool Ready, IReadOnlyList<string> Conditions);
