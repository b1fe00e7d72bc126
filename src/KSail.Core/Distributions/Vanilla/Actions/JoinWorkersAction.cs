namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>Kubeadm join (kind's kubeadmjoin action, second half): the new workers join at once.</summary>
internal sealed class JoinWorkersAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "kubeadm join";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var workers = context.Workers;
        context.Steps.Begin(Name, string.Join(", ", workers.Select(w => w.Name)));
        await Task.WhenAll(workers.Select(w => context.Steps.RunAsync(w.Name, KubeadmJoin.Command, null, ct))).ConfigureAwait(false);
    }
}
