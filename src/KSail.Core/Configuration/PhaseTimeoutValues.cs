namespace KSail.Core.Configuration;

/// <summary>The time limit of each lifecycle phase.</summary>
/// <param name="Provision">Creating nodes and bootstrapping Kubernetes.</param>
/// <param name="Components">Installing components.</param>
/// <param name="Stability">The stability check.</param>
/// <param name="GitOps">Waiting for GitOps to reconcile.</param>
/// <param name="Teardown">Deleting the cluster.</param>
/// <param name="StabilitySteps">The stability check's own step limits, where the declaration sets them.</param>
public sealed record PhaseTimeoutValues(TimeSpan Provision, TimeSpan Components, TimeSpan Stability, TimeSpan GitOps, TimeSpan Teardown, StabilityStepTimeouts? StabilitySteps = null)
{
    /// <summary>The limits used when the declaration sets none.</summary>
    public static PhaseTimeoutValues Defaults { get; } = new(
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));
}
