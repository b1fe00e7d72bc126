using KSail.Core.Configuration.Model;

using KSail.Core.Distributions;

namespace KSail.Core.Projects;

/// <summary>What <c>ksail project init</c> creates.</summary>
public sealed record ProjectInitOptions
{
    /// <summary>The directory to create the project in.</summary>
    public required string Directory { get; init; }

    /// <summary>The distribution (Vanilla or K3s).</summary>
    public Distribution Distribution { get; init; } = DistributionRegistry.Default.Id;

    /// <summary>The cluster name; the distribution's default name when null.</summary>
    public string? Name { get; init; }

    /// <summary>Number of worker nodes.</summary>
    public int Workers { get; init; }

    /// <summary>Overwrite files that exist.</summary>
    public bool Force { get; init; }
}
