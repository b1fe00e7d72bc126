namespace KSail.Core.Lifecycle.Create;

/// <summary>Save state: the desired spec becomes the cluster's spec (State/), for update to diff against.</summary>
internal sealed class SaveStatePhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "save state";

    /// <inheritdoc/>
    public Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        context.State.Save(context.Cluster, context.Time.GetUtcNow());
        return Task.CompletedTask;
    }
}
