using System.Globalization;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// The <c>settings</c> of k3d's server load balancer (its values.yaml), after the
/// <c>options.k3d.loadbalancer.configOverrides</c> of k3d.yaml.
/// </summary>
/// <param name="WorkerConnections">nginx's <c>worker_connections</c> (k3d's default: 1024).</param>
/// <param name="DefaultProxyTimeout">nginx's <c>proxy_timeout</c> in seconds; null leaves the proxy's default (600).</param>
public sealed record K3dLoadBalancerSettings(int WorkerConnections = K3dLoadBalancerSettings.DefaultWorkerConnections, int? DefaultProxyTimeout = null)
{
    /// <summary>k3d's <c>workerConnections</c> when nothing overrides it.</summary>
    public const int DefaultWorkerConnections = 1024;

    /// <summary>
    /// The settings with <paramref name="overrides"/> (<c>settings.workerConnections=2048</c>,
    /// <c>settings.defaultProxyTimeout=900</c>; keys are case-insensitive, as k3d reads them) applied in order.
    /// </summary>
    /// <exception cref="FormatException">An override sets something else, or not a positive whole number (the message names it).</exception>
    public static K3dLoadBalancerSettings From(IEnumerable<string>? overrides)
    {
        var settings = new K3dLoadBalancerSettings();
        foreach (var item in overrides ?? [])
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new FormatException($"'{item}' is not key=value with a positive whole number");
            }

            settings = parts[0].Trim().ToUpperInvariant() switch
            {
                "SETTINGS.WORKERCONNECTIONS" => settings with { WorkerConnections = value },
                "SETTINGS.DEFAULTPROXYTIMEOUT" => settings with { DefaultProxyTimeout = value },
                _ => throw new FormatException($"'{parts[0]}' is not a load balancer setting KSail.NET applies (settings.workerConnections, settings.defaultProxyTimeout)"),
            };
        }

        return settings;
    }
}
