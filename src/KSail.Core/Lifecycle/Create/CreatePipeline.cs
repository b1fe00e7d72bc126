using KSail.Core.Configuration;
using KSail.Core.Readiness;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// The create phases in order, as kind's create runs its actions: the registries (before any node, as
/// KSail starts them), provision, export the kubeconfig, save the spec, the local registry's KEP-1755
/// ConfigMap, import images, then KSail.NET's install phases around the stability check, the
/// workload's push to the local registry, and GitOps readiness.
/// </summary>
internal static class CreatePipeline
{
    /// <summary>The GitOps bootstrap phase (create runs it; <c>cluster update</c> runs the same one).</summary>
    public static readonly GitOpsBootstrapPhase GitOpsBootstrap = new();

    /// <summary>The push of the workload to the local registry (create runs it before the bootstrap; <c>cluster update</c> too).</summary>
    public static readonly PushWorkloadPhase PushWorkload = new();

    /// <summary>Every phase of <c>cluster create</c>, in order.</summary>
    public static readonly IReadOnlyList<ICreatePhase> Create =
    [
        new RegistriesPhase(),
        new ProvisionPhase(),
        new ExportKubeconfigPhase(),
        new SaveStatePhase(),
        new LocalRegistryHostingPhase(),
        new ImportImagesPhase(),
        new InfrastructureComponentsPhase(),
        new StabilityCheckPhase(),
        new GitOpsEnginePhase(),
        PushWorkload,
        GitOpsBootstrap,
        new GitOpsReadinessPhase(),
    ];

    /// <summary>The phases of <c>cluster wait-ready</c> on a running cluster: the checks, nothing installed.</summary>
    public static readonly IReadOnlyList<ICreatePhase> WaitReady = [.. Create.Where(p => p is StabilityCheckPhase or GitOpsReadinessPhase)];

    /// <summary>
    /// Runs <paramref name="phases"/> in order. Once the cluster exists, a cancellation that is the
    /// overall limit's, not the caller's, is a cluster not ready in time (<see cref="ReadinessTimeoutException"/>).
    /// </summary>
    public static async Task RunAsync(CreateContext context, IEnumerable<ICreatePhase> phases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(phases);
        foreach (var phase in phases)
        {
            try
            {
                await phase.ExecuteAsync(context, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (context.Created is not null && !context.Caller.IsCancellationRequested && context.OverallExpired())
            {
                throw new ReadinessTimeoutException(
                    $"the cluster was not ready within the overall time limit of {GoDuration.Format(context.Cluster.OperationTimeout!.Value)} (spec.cluster.connection.timeout, --timeout); raise it, or see 'ksail cluster diagnose' with --keep-on-failure",
                    ex);
            }
        }
    }
}
