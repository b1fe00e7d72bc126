using System.Globalization;
using System.Text;
using KSail.Core.Configuration;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// k3d's server load balancer (<c>k3d-&lt;name&gt;-serverlb</c>): the config k3d writes into its proxy
/// before it starts, and the log line k3d waits for.
/// </summary>
internal static class K3dLoadBalancer
{
    /// <summary>Where k3d writes the proxy's config (confd reads it and renders nginx's).</summary>
    public const string ConfigPath = "/etc/confd/values.yaml";

    /// <summary>The line nginx logs once it serves a config, which k3d waits for.</summary>
    public const string ReadyLogLine = "start worker processes";

    /// <summary>
    /// values.yaml as k3d writes it: <c>ports</c> maps <c>&lt;port&gt;.&lt;protocol&gt;</c> to the nodes the
    /// port is forwarded to (every port published by <paramref name="node"/> with targets; one entry per
    /// container port, in key order), and <c>settings</c> the nginx settings.
    /// </summary>
    public static string Values(ClusterDefinition cluster, string node, K3dLoadBalancerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(settings);
        var ports = cluster.Ports
            .Where(p => p.Node == node && p.ProxiedTo.Count > 0)
            .GroupBy(p => $"{p.ContainerPort.ToString(CultureInfo.InvariantCulture)}.{p.Protocol.ToLowerInvariant()}", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var yaml = new StringBuilder("ports:\n");
        foreach (var port in ports)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {port.Key}:\n");
            foreach (var target in port.SelectMany(p => p.ProxiedTo).Distinct(StringComparer.Ordinal))
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {target}\n");
            }
        }

        yaml.Append("settings:\n");
        if (settings.DefaultProxyTimeout is { } timeout)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  defaultProxyTimeout: {timeout}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"  workerConnections: {settings.WorkerConnections}\n");
        return yaml.ToString();
    }
}
