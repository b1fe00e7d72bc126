namespace KSail.Core.Configuration;

/// <summary>The stability check's step limits a declaration sets (null: the check's default for that step).</summary>
/// <param name="ApiServer">The API server step.</param>
/// <param name="Nodes">The nodes step.</param>
/// <param name="DaemonSets">The kube-system DaemonSets step.</param>
/// <param name="ApiConnectivity">The in-cluster API connectivity step (Cilium).</param>
public sealed record StabilityStepTimeouts(TimeSpan? ApiServer, TimeSpan? Nodes, TimeSpan? DaemonSets, TimeSpan? ApiConnectivity);
