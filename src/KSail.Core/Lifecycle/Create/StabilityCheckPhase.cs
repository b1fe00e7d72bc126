using KSail.Core.Readiness;

namespace KSail.Core.Lifecycle.Create;

/// <summary>Stability check: the API server, nodes, kube-system DaemonSets, and API connectivity for Cilium.</summary>
internal sealed class StabilityCheckPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "stability check";

    /// <inheritdoc/>
    public Task ExecuteAsync(CreateContext context, CancellationToken ct) =>
        new ClusterStabilityCheck(context.Client, StabilityOptions.For(context.Cluster), context.Progress, context.Time).CheckAsync(ct);
}
