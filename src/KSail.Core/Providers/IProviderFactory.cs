using KSail.Core.Configuration.Model;

namespace KSail.Core.Providers;

/// <summary>Connects to the provider <c>spec.cluster.provider</c> names.</summary>
public interface IProviderFactory
{
    /// <summary>The providers this factory connects to, in the order they are listed to users.</summary>
    IReadOnlyList<Provider> Providers { get; }

    /// <summary>Connects to <paramref name="provider"/>.</summary>
    /// <exception cref="ProviderUnavailableException">The provider is not built, or it does not answer (exit code 4).</exception>
    Task<IContainerProvider> ConnectAsync(Provider provider, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default);
}
