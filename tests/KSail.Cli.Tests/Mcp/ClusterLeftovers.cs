using KSail.Core.Distributions.Vanilla;
using KSail.Core.Labels;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// What Docker still holds of a Vanilla cluster, asked with docker itself: containers with kind's or
/// KSail.NET's cluster label, networks with KSail.NET's (kind's network "kind" is shared by every
/// kind cluster and stays, as kind leaves it), and the volumes its node containers had mounted when
/// <see cref="RememberVolumesAsync"/> looked.
/// </summary>
internal sealed class ClusterLeftovers(string name)
{
    private readonly HashSet<string> volumes = new(StringComparer.Ordinal);

    /// <summary>The cluster's containers now.</summary>
    public async Task<IReadOnlyList<string>> ContainersAsync(CancellationToken ct)
    {
        var found = new List<string>();
        foreach (var label in new[] { VanillaProvisioner.ClusterLabel, ResourceLabels.Cluster })
        {
            found.AddRange(Lines(await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label={label}={name}")));
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Notes the volumes the cluster's containers have mounted now, to look for them later.</summary>
    public async Task RememberVolumesAsync(CancellationToken ct)
    {
        foreach (var container in await ContainersAsync(ct))
        {
            var mounts = await ClusterChecks.RunAsync("docker", ct, "inspect", "--format", "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}", container);
            volumes.UnionWith(mounts.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    /// <summary>The volumes noted by <see cref="RememberVolumesAsync"/>.</summary>
    public IReadOnlyCollection<string> Volumes => volumes;

    /// <summary>Everything of the cluster Docker still holds, one per line; empty when nothing is left.</summary>
    public async Task<string> DescribeAsync(CancellationToken ct)
    {
        var left = new List<string>();
        left.AddRange((await ContainersAsync(ct)).Select(c => $"container {c}"));
        left.AddRange(Lines(await ClusterChecks.RunAsync("docker", ct, "network", "ls", "--format", "{{.Name}}", "--filter", $"label={ResourceLabels.Cluster}={name}")).Select(n => $"network {n}"));
        var allVolumes = Lines(await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "-q"));
        left.AddRange(allVolumes.Where(volumes.Contains).Select(v => $"volume {v}"));
        left.AddRange(Lines(await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "-q", "--filter", $"label={ResourceLabels.Cluster}={name}")).Select(v => $"volume {v}"));
        return string.Join('\n', left.Distinct(StringComparer.Ordinal));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
