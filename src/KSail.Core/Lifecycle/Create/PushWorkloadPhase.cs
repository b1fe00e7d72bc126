using KSail.Core.Configuration.Model;
using KSail.Core.Registries;
using KSail.Core.Workloads;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// Push workload: with a GitOps engine and a local registry declared, the source directory is packed
/// and pushed to the local registry once, after the engine is installed and before its sync objects
/// and readiness, so the create ends with the workload reconciled (KSail's <c>cluster create</c> pushes
/// with <c>registryresolver.PushOCIArtifact</c> at the same point). As KSail, a source directory that
/// does not exist gives an empty kustomization (with a warning), not a failed create. An existing
/// registry (not one KSail.NET runs) is not pushed to here: its artifact is the user's to push with
/// <c>ksail workload push</c>, with the credentials that registry asks for.
/// </summary>
internal sealed class PushWorkloadPhase : ICreatePhase
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    /// <inheritdoc/>
    public string Name => "push workload";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Engine is GitOpsEngine.None || !context.Cluster.Registries.Any(r => r.Role == RegistryContainer.LocalRegistryRole))
        {
            return;
        }

        // The declaration's registry only: KSAIL_REGISTRY is workload push's, as KSail's create resolves from ksail.yaml.
        await WorkloadPush.RunAsync(context.Cluster, new WorkloadPushOptions(), NoEnvironment, _ => Task.FromResult(context.Provider), context.Progress, emptyWhenMissing: true, ct).ConfigureAwait(false);
    }
}
