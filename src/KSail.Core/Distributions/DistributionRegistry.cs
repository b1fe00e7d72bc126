using KSail.Core.Configuration.Model;
using KSail.Core.Distributions.K3s;
using KSail.Core.Distributions.Kwok;
using KSail.Core.Distributions.Vanilla;

namespace KSail.Core.Distributions;

/// <summary>The one list of the distributions KSail.NET builds; everything else asks it.</summary>
public static class DistributionRegistry
{
    /// <summary>Every distribution that can be created, in the order they are listed to users.</summary>
    public static IReadOnlyList<IDistribution> All { get; } = [new VanillaDistribution(), new K3sDistribution(), new KwokDistribution()];

    /// <summary>The distribution a ksail.yaml without <c>spec.cluster.distribution</c> gets (Vanilla, as KSail's default).</summary>
    public static IDistribution Default => All[0];

    /// <summary>The distribution <paramref name="id"/>, or null when it is not built.</summary>
    public static IDistribution? Find(Distribution id) => All.FirstOrDefault(d => d.Id == id);

    /// <summary>The distribution <paramref name="id"/>.</summary>
    /// <exception cref="ProvisioningException">It is not built (exit code 5), naming those that are.</exception>
    public static IDistribution For(Distribution id) =>
        Find(id) ?? throw new ProvisioningException($"creating {id} clusters is not built yet; {string.Join(" and ", All.Select(d => d.Id))} clusters can be created today");

    /// <summary>The distribution whose tool labelled a node with <paramref name="labels"/>, or null.</summary>
    public static IDistribution? OwnerOf(IReadOnlyDictionary<string, string> labels) => All.FirstOrDefault(d => labels.ContainsKey(d.ClusterLabel));
}
