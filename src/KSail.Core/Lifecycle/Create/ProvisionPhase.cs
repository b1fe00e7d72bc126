using KSail.Core.Distributions;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// Provision: the distribution's provisioner (which keeps to spec.cluster.timeouts.provision itself)
/// within the overall limit; a limit that runs out is a failed create (exit 5) naming the step it
/// stopped in, after the provisioner has removed what it created (unless it was asked to keep it).
/// </summary>
internal sealed class ProvisionPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "provision";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        try
        {
            context.Created = await DistributionRegistry.For(cluster.Distribution).Provisioner(context.Provider, context.Progress)
                .CreateAsync(cluster, context.Options, ct).ConfigureAwait(false);
        }
        catch (StepCancelledException ex) when (!context.Caller.IsCancellationRequested && context.OverallExpired())
        {
            throw ProvisioningSteps.TimedOut(ex, cluster.OperationTimeout!.Value, "spec.cluster.connection.timeout, --timeout", context.Options.KeepOnFailure);
        }
    }
}
