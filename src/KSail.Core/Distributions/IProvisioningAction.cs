namespace KSail.Core.Distributions;

/// <summary>
/// One ordered action of a provisioner, as kind's create runs its actions (one <c>Execute</c> each):
/// <see cref="ProvisioningSteps"/> runs a list of them as named steps.
/// </summary>
/// <typeparam name="TContext">The distribution's context the action works on.</typeparam>
internal interface IProvisioningAction<in TContext>
    where TContext : ProvisioningContext
{
    /// <summary>The action's step name (the step a failure names, unless the action enters a finer one).</summary>
    string Name { get; }

    /// <summary>Runs the action; it reports its progress through the context's steps.</summary>
    Task ExecuteAsync(TContext context, CancellationToken ct);
}
