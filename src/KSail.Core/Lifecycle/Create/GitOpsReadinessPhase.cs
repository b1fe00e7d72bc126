using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.Readiness;

namespace KSail.Core.Lifecycle.Create;

/// <summary>GitOps readiness: the engine's controllers and sync objects reconciled, when ksail.yaml declares an engine.</summary>
internal sealed class GitOpsReadinessPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "GitOps readiness";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        if (context.Engine is var engine and not GitOpsEngine.None)
        {
            if (!DistributionRegistry.For(context.Cluster.Distribution).RunsPods)
            {
                context.Progress?.Report(new ProgressEvent(Name, $"{context.Cluster.Distribution}'s nodes are simulated: {engine}'s controllers are reported Running but never run, so its sync objects are applied and not waited for", ProgressLevel.Warning));
                return;
            }

            var gitOps = new GitOpsReadinessOptions { Engine = engine, Timeout = context.Cluster.Timeouts.GitOps };
            await new GitOpsReadiness(context.Client, gitOps, context.Progress, context.Time).WaitAsync(ct).ConfigureAwait(false);
        }
    }
}
