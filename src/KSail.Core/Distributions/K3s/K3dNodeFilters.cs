using KSail.Core.Configuration;

namespace KSail.Core.Distributions.K3s;

/// <summary>k3d's node filters (<c>server:0</c>, <c>agent:*</c>, <c>loadbalancer</c>, <c>all</c>): which nodes a setting goes to.</summary>
public static class K3dNodeFilters
{
    /// <summary>k3d's suffix of a port's filter for a port the node publishes itself (<c>server:0:direct</c>).</summary>
    public const string Direct = "direct";

    /// <summary>k3d's suffix of a port's filter for a port the load balancer publishes and forwards to the nodes (the default).</summary>
    public const string Proxy = "proxy";

    /// <summary>The suffix of a port's filter (<see cref="Direct"/> or <see cref="Proxy"/>), or null when it has none.</summary>
    public static string? Suffix(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var last = filter[(filter.LastIndexOf(':') + 1)..];
        return filter.Contains(':', StringComparison.Ordinal) && last is Direct or Proxy ? last : null;
    }

    /// <summary>The names of the nodes of cluster <paramref name="name"/> that <paramref name="filters"/> select (a suffix is ignored).</summary>
    public static IEnumerable<string> Select(IReadOnlyList<string> filters, string name, IReadOnlyList<NodeDefinition> nodes)
    {
        foreach (var filter in filters)
        {
            var parts = (Suffix(filter) is { } suffix ? filter[..^(suffix.Length + 1)] : filter).Split(':');
            var group = parts[0].TrimEnd('s');
            var selector = parts.Length > 1 ? parts[1] : "*";
            if (group == "loadbalancer")
            {
                yield return $"k3d-{name}-serverlb";
                continue;
            }

            var candidates = nodes.Where(n => group == "all" || (group == "server" ? n.Role == NodeRole.ControlPlane : n.Role == NodeRole.Worker)).ToList();
            if (selector == "*" || group == "all")
            {
                foreach (var node in candidates)
                {
                    yield return node.Name;
                }

                continue;
            }

            foreach (var range in selector.Split(','))
            {
                var bounds = range.Split('-').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                for (var i = bounds[0]; i <= bounds[^1] && i < candidates.Count; i++)
                {
                    yield return candidates[i].Name;
                }
            }
        }
    }
}
