namespace KSail.Core.Configuration.K3d;

/// <summary>k3d's node filters (<c>server:0</c>, <c>agent:*</c>, <c>loadbalancer</c>, <c>all</c>): which nodes a setting goes to.</summary>
public static class K3dNodeFilters
{
    /// <summary>The names of the nodes of cluster <paramref name="name"/> that <paramref name="filters"/> select.</summary>
    public static IEnumerable<string> Select(IReadOnlyList<string> filters, string name, IReadOnlyList<NodeDefinition> nodes)
    {
        foreach (var filter in filters)
        {
            var parts = filter.Split(':');
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
