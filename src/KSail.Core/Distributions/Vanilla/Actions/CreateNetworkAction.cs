using KSail.Core.Providers;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>Create network: the <c>kind</c> network every kind cluster joins (kind's provider does it before the actions).</summary>
internal sealed class CreateNetworkAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "create network";

    /// <inheritdoc/>
    public Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        context.Steps.Begin(Name, $"network '{VanillaProvisioner.Network}'");
        return EnsureAsync(context.Docker, ct);
    }

    /// <summary>The network as kind creates it (unlabelled: every kind cluster shares it).</summary>
    internal static Task<string> EnsureAsync(IContainerProvider docker, CancellationToken ct) =>
        docker.EnsureNetworkAsync(VanillaProvisioner.Network, new Dictionary<string, string>(), ct);
}
