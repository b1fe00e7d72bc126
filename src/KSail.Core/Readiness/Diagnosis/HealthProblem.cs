namespace KSail.Core.Readiness;

/// <summary>One thing that is not healthy.</summary>
/// <param name="Kind">What it is: NodeContainer, Node, Pod, DaemonSet, Kustomization, HelmRelease, Application.</param>
/// <param name="Namespace">Its namespace, or null for cluster-wide objects and node containers.</param>
/// <param name="Name">Its name.</param>
/// <param name="Reason">Why it is not healthy, in one line.</param>
/// <param name="Details">What the cluster says about it (recent events), one entry a line.</param>
public sealed record HealthProblem(string Kind, string? Namespace, string Name, string Reason, IReadOnlyList<string> Details);
