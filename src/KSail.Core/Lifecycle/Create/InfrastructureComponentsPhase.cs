using KSail.Core.Configuration;

namespace KSail.Core.Lifecycle.Create;

/// <summary>Infrastructure components: KSail.NET's install phase 1 (CSI, metrics-server: the components ksail.yaml enables).</summary>
internal sealed class InfrastructureComponentsPhase : ICreatePhase
{
    /// <inheritdoc/>
    public string Name => "infrastructure components";

    /// <inheritdoc/>
    public Task ExecuteAsync(CreateContext context, CancellationToken ct) =>
        context.Installer.InstallPhaseAsync(context.Cluster, ComponentPhase.Infrastructure, ct);
}
