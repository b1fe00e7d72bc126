namespace KSail.Core.Readiness;

/// <summary>What <c>ksail cluster diagnose</c> found.</summary>
/// <param name="Cluster">The cluster name.</param>
/// <param name="Reachable">Whether its API server answered.</param>
/// <param name="Nodes">The nodes as Kubernetes sees them (empty when the API did not answer).</param>
/// <param name="Problems">What is not healthy.</param>
/// <param name="Warnings">Warning events of the last <see cref="ClusterHealth.WarningWindow"/> (information, not problems).</param>
public sealed record ClusterHealthReport(string Cluster, bool Reachable, IReadOnlyList<NodeHealth> Nodes, IReadOnlyList<HealthProblem> Problems, IReadOnlyList<WarningEvent> Warnings)
{
    /// <summary>Whether nothing is unhealthy.</summary>
    public bool Healthy => Problems.Count == 0;

    /// <summary>
    /// 0 when healthy; 5 (provisioning failed) when a node container is not running or the API does
    /// not answer; 6 (readiness) when Kubernetes objects are not ready.
    /// </summary>
    public int ExitCode =>
        Healthy ? ExitCodes.Success
        : !Reachable || Problems.Any(p => p.Kind == ClusterHealth.NodeContainerKind) ? ExitCodes.ProvisioningFailed
        : ExitCodes.ReadinessTimedOut;
}
