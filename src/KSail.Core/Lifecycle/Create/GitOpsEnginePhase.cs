using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Lifecycle.Create;

/// <summary>GitOps engine: KSail.NET's install phase 2 (Flux or ArgoCD), when ksail.yaml declares an engine.</summary>
internal sealed class GitOpsEnginePhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "GitOps engine";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        if (context.Engine is not GitOpsEngine.None)
        {
            await context.Installer.InstallPhaseAsync(context.Cluster, ComponentPhase.GitOps, ct).ConfigureAwait(false);
        }
    }
}
