using KSail.Core.Components;
using KSail.Core.Configuration.Model;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// GitOps bootstrap: the engine's sync objects (a Flux OCIRepository and Kustomization, or an ArgoCD
/// Application), when ksail.yaml declares an engine and a source. <c>cluster update</c> runs it too,
/// when it installs an engine.
/// </summary>
internal sealed class GitOpsBootstrapPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "GitOps bootstrap";

    /// <inheritdoc/>
    public async Task ExecuteAsync(CreateContext context, CancellationToken ct)
    {
        if (context.Engine is GitOpsEngine.None)
        {
            return;
        }

        var sync = GitOpsBootstrap.For(context.Cluster);
        if (sync.Count > 0)
        {
            context.Progress?.Report(new ProgressEvent("bootstrap GitOps", string.Join(", ", sync.Select(Manifests.Describe))));
            var objects = ComponentApplier.Prepare(GitOpsBootstrap.Component, "1", sync);
            await new ComponentApplier(context.Api, context.Progress, context.Time).ApplyAsync(GitOpsBootstrap.Component, objects, context.Cluster.Timeouts.Components, ct).ConfigureAwait(false);
        }
    }
}
