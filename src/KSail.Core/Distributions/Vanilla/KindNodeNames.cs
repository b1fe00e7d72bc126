using System.Globalization;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// kind's one rule for node container names (pkg/cluster/internal/create/actions/config, nodes by
/// role in declaration order): <c>&lt;cluster&gt;-&lt;role&gt;</c> for the first node of a role,
/// then <c>&lt;cluster&gt;-&lt;role&gt;2</c>, <c>…3</c>; and <c>&lt;cluster&gt;-external-load-balancer</c>.
/// </summary>
public static class KindNodeNames
{
    /// <summary>kind's role of a control-plane node (also the role a node without one gets).</summary>
    public const string ControlPlane = "control-plane";

    /// <summary>kind's role of a worker node.</summary>
    public const string Worker = "worker";

    /// <summary>The suffix of kind's external load balancer, the longest a cluster name gets.</summary>
    public const string LoadBalancerSuffix = "-external-load-balancer";

    /// <summary>The name of the <paramref name="index"/>-th (from 1) node of <paramref name="role"/> in <paramref name="cluster"/>.</summary>
    public static string Node(string cluster, string role, int index) =>
        $"{cluster}-{role}{(index == 1 ? string.Empty : index.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>The name of the cluster's external load balancer.</summary>
    public static string LoadBalancer(string cluster) => cluster + LoadBalancerSuffix;

    /// <summary>The names of nodes declared with <paramref name="roles"/> (null: control-plane), in declaration order.</summary>
    public static IReadOnlyList<string> Of(string cluster, IEnumerable<string?> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var declared in roles)
        {
            var role = declared ?? ControlPlane;
            counts[role] = counts.GetValueOrDefault(role) + 1;
            names.Add(Node(cluster, role, counts[role]));
        }

        return names;
    }
}
