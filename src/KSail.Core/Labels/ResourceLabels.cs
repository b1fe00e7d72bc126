namespace KSail.Core.Labels;

/// <summary>
/// The labels every Docker resource KSail.NET creates carries, so that listing and deleting work
/// from labels alone, without local state (kind's and k3d's own labels are added by their
/// provisioners).
/// </summary>
public static class ResourceLabels
{
    /// <summary>Names the tool that created the resource.</summary>
    public const string ManagedBy = "io.ksail.managed-by";

    /// <summary>The value of <see cref="ManagedBy"/>.</summary>
    public const string Tool = "ksail.net";

    /// <summary>Names the cluster the resource belongs to.</summary>
    public const string Cluster = "io.ksail.cluster";

    /// <summary>Names the resource's role in the cluster (control-plane, worker, load-balancer, network).</summary>
    public const string Role = "io.ksail.role";

    /// <summary>Names the distribution (Vanilla, K3s).</summary>
    public const string Distribution = "io.ksail.distribution";

    /// <summary>The labels for a resource of <paramref name="cluster"/> with <paramref name="role"/>, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> For(string cluster, string role, IReadOnlyDictionary<string, string>? extra = null)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedBy] = Tool,
            [Cluster] = cluster,
            [Role] = role,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        return labels;
    }
}
