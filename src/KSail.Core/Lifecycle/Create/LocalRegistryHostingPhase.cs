using KSail.Core.Components;
using KSail.Core.Registries;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// Local registry hosting: KEP-1755's <c>local-registry-hosting</c> ConfigMap in <c>kube-public</c>,
/// once the cluster's API answers, when the cluster has a local registry.
/// </summary>
internal sealed class LocalRegistryHostingPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "local registry hosting";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        if (context.Cluster.Registries.FirstOrDefault(r => r.Role == RegistryContainer.LocalRegistryRole) is not { } local)
        {
            return;
        }

        context.Progress?.Report(new ProgressEvent("local registry hosting", $"ConfigMap {LocalRegistryHosting.Namespace}/{LocalRegistryHosting.Name}: {local.Host}"));
        var objects = ComponentApplier.Prepare(LocalRegistryHosting.Component, "1", [LocalRegistryHosting.ConfigMap(local)]);
        await new ComponentApplier(context.Api, context.Progress, context.Time).ApplyAsync(LocalRegistryHosting.Component, objects, context.Cluster.Timeouts.Components, ct).ConfigureAwait(false);
    }
}
