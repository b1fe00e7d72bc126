namespace KSail.Core.Lifecycle.Create;

/// <summary>One phase of creating a cluster, as kind's create runs its actions in order.</summary>
internal interface ICreatePhase
{
    /// <summary>The phase's name, as the docs and errors speak of it.</summary>
    string Name { get; }

    /// <summary>Runs the phase on the cluster the context holds.</summary>
    Task ExecuteAsync(CreateContext context, CancellationToken ct);
}
