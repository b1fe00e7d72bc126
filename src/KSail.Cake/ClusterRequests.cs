using System.Globalization;
using Cake.Core;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>Maps <see cref="KSailClusterSettings"/> onto the engine's <see cref="ClusterRequest"/>, as the CLI maps its options.</summary>
internal static class ClusterRequests
{
    public static ClusterRequest From(ICakeContext context, KSailClusterSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        settings ??= new KSailClusterSettings();
        var workingDirectory = (settings.WorkingDirectory ?? context.Environment.WorkingDirectory).MakeAbsolute(context.Environment);
        return new ClusterRequest
        {
            ConfigPath = settings.ConfigFile?.MakeAbsolute(workingDirectory).FullPath,
            WorkingDirectory = workingDirectory.FullPath,
            Environment = context.Environment.GetEnvironmentVariables().ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal),
            Overrides = Overrides(settings),
            KeepOnFailure = settings.KeepOnFailure,
            IfExists = settings.IfExists,
        };
    }

    private static List<ConfigOverride> Overrides(KSailClusterSettings s)
    {
        var fields = new (string Path, string Setting, string? Value)[]
        {
            ("metadata.name", nameof(s.Name), s.Name),
            ("spec.cluster.distribution", nameof(s.Distribution), s.Distribution),
            ("spec.cluster.distributionConfig", nameof(s.DistributionConfig), s.DistributionConfig?.FullPath),
            ("spec.cluster.provider", nameof(s.Provider), s.Provider),
            ("spec.cluster.controlPlanes", nameof(s.ControlPlanes), s.ControlPlanes?.ToString(CultureInfo.InvariantCulture)),
            ("spec.cluster.workers", nameof(s.Workers), s.Workers?.ToString(CultureInfo.InvariantCulture)),
            ("spec.cluster.cni", nameof(s.Cni), s.Cni),
            ("spec.cluster.csi", nameof(s.Csi), s.Csi),
            ("spec.cluster.metricsServer", nameof(s.MetricsServer), s.MetricsServer),
            ("spec.cluster.loadBalancer", nameof(s.LoadBalancer), s.LoadBalancer),
            ("spec.cluster.certManager", nameof(s.CertManager), s.CertManager),
            ("spec.cluster.policyEngine", nameof(s.PolicyEngine), s.PolicyEngine),
            ("spec.cluster.gitOpsEngine", nameof(s.GitOpsEngine), s.GitOpsEngine),
            ("spec.cluster.connection.kubeconfig", nameof(s.Kubeconfig), s.Kubeconfig?.FullPath),
            ("spec.cluster.connection.timeout", nameof(s.Timeout), s.Timeout is { } t ? GoDurationText(t) : null),
        };
        var overrides = fields
            .Where(f => f.Value is not null)
            .Select(f => ConfigOverride.FromArgument(f.Path, f.Value!, $"{nameof(KSailClusterSettings)}.{f.Setting}"))
            .ToList();
        overrides.AddRange(s.Values.Select(v => ConfigOverride.FromArgument(v.Key, v.Value, $"{nameof(KSailClusterSettings)}.{nameof(s.Values)}[{v.Key}]")));
        return overrides;
    }

    // ksail.yaml spells durations as Go does (10m, 90s, 1500ms).
    private static string GoDurationText(TimeSpan t) => t.Ticks % TimeSpan.TicksPerSecond == 0
        ? $"{(long)t.TotalSeconds}s"
        : $"{(long)t.TotalMilliseconds}ms";

    /// <summary>Runs an engine call, turning its failures into Cake's: a <see cref="KSailException"/> fails the task with its message and exit code.</summary>
    public static T Run<T>(Func<Task<T>> call)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (KSailException e)
        {
            throw new CakeException(e.ExitCode, e.Message, e);
        }
    }
}
