using KSail.Core.Configuration.Model;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Providers;

/// <summary>
/// The one list of the providers KSail.NET runs nodes on, and the connection to each;
/// <c>Supported.Providers</c> (what ksail.yaml accepts) is derived from it.
/// </summary>
public sealed class ProviderFactory : IProviderFactory
{
    // The one list: a provider is added here with the way to connect to it.
    private static readonly (Provider Id, Func<IProgress<ProgressEvent>?, CancellationToken, Task<IContainerProvider>> Connect)[] Entries =
    [
        (Provider.Docker, async (progress, ct) => await DockerProvider.ConnectAsync(progress, ct).ConfigureAwait(false)),
    ];

    /// <summary>Every provider nodes can run on, in the order they are listed to users.</summary>
    public static IReadOnlyList<Provider> All { get; } = [.. Entries.Select(e => e.Id)];

    /// <summary>The provider a ksail.yaml without <c>spec.cluster.provider</c> gets, and the one a cluster known only by name is looked for on.</summary>
    public static Provider DefaultProvider => All[0];

    /// <summary>The factory over <see cref="All"/>.</summary>
    public static ProviderFactory Default { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<Provider> Providers => All;

    /// <inheritdoc/>
    public Task<IContainerProvider> ConnectAsync(Provider provider, IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        foreach (var entry in Entries)
        {
            if (entry.Id == provider)
            {
                return entry.Connect(progress, ct);
            }
        }

        throw new ProviderUnavailableException(
            $"the {provider} provider is not built; nodes can run on {string.Join(" and ", All)} (spec.cluster.provider)");
    }

    /// <summary>
    /// <paramref name="provider"/> as a provider of container nodes, for a distribution whose nodes
    /// are containers (<paramref name="distribution"/> names it in the error).
    /// </summary>
    /// <exception cref="ProviderUnavailableException">The provider's nodes are not containers (exit code 4).</exception>
    public static IContainerProvider RequireContainers(IProvider provider, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider as IContainerProvider
            ?? throw new ProviderUnavailableException($"{distribution} nodes are containers, and the {provider.Id} provider does not run containers; choose a provider that does ({string.Join(", ", All)})");
    }
}
