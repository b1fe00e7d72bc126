using KSail.Core.Kubeconfig;

namespace KSail.Core.Lifecycle.Create;

/// <summary>Export kubeconfig: merges the created cluster's context into the declared kubeconfig file.</summary>
internal sealed class ExportKubeconfigPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "export kubeconfig";

    /// <inheritdoc/>
    public Task ExecuteAsync(CreateContext context, CancellationToken ct) =>
        Kubeconfigs.MergeIntoAsync(context.Cluster.KubeconfigPath, context.Provisioned.Kubeconfig, time: context.Time, ct: ct);
}
