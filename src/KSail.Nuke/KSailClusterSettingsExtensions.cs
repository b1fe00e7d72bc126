using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using System.Globalization;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;

namespace KSail.Nuke;

/// <summary>
/// NUKE-style modifiers of <see cref="KSailClusterSettings"/>: each returns a changed copy and
/// leaves the settings it was called on as they were, so one base can serve several targets.
/// </summary>
public static class KSailClusterSettingsExtensions
{
    /// <summary>Sets the ksail.yaml to use.</summary>
    [Pure]
    public static KSailClusterSettings SetConfigPath(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ConfigPath = value };
    }

    /// <summary>Resets the ksail.yaml to use (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetConfigPath(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ConfigPath = null };
    }

    /// <summary>Sets where relative paths start and ksail.yaml is looked for.</summary>
    [Pure]
    public static KSailClusterSettings SetWorkingDirectory(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkingDirectory = value };
    }

    /// <summary>Resets where relative paths start and ksail.yaml is looked for (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetWorkingDirectory(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkingDirectory = null };
    }

    /// <summary>Sets <c>metadata.name</c>, the cluster name.</summary>
    [Pure]
    public static KSailClusterSettings SetName(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Name = value };
    }

    /// <summary>Resets <c>metadata.name</c>, the cluster name (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetName(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Name = null };
    }

    /// <summary>Sets <c>spec.cluster.distribution</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetDistribution(this KSailClusterSettings settings, Distribution value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Distribution = value };
    }

    /// <summary>Resets <c>spec.cluster.distribution</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetDistribution(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Distribution = null };
    }

    /// <summary>Sets <c>spec.cluster.distributionConfig</c>, the native config file.</summary>
    [Pure]
    public static KSailClusterSettings SetDistributionConfig(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { DistributionConfig = value };
    }

    /// <summary>Resets <c>spec.cluster.distributionConfig</c>, the native config file (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetDistributionConfig(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { DistributionConfig = null };
    }

    /// <summary>Sets <c>spec.cluster.provider</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetProvider(this KSailClusterSettings settings, Provider value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Provider = value };
    }

    /// <summary>Resets <c>spec.cluster.provider</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetProvider(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Provider = null };
    }

    /// <summary>Sets <c>spec.cluster.controlPlanes</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetControlPlanes(this KSailClusterSettings settings, int value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ControlPlanes = value };
    }

    /// <summary>Resets <c>spec.cluster.controlPlanes</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetControlPlanes(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ControlPlanes = null };
    }

    /// <summary>Sets <c>spec.cluster.workers</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetWorkers(this KSailClusterSettings settings, int value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Workers = value };
    }

    /// <summary>Resets <c>spec.cluster.workers</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetWorkers(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Workers = null };
    }

    /// <summary>Sets <c>spec.cluster.cni</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetCni(this KSailClusterSettings settings, Cni value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Cni = value };
    }

    /// <summary>Resets <c>spec.cluster.cni</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetCni(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Cni = null };
    }

    /// <summary>Sets <c>spec.cluster.csi</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetCsi(this KSailClusterSettings settings, Toggle value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Csi = value };
    }

    /// <summary>Resets <c>spec.cluster.csi</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetCsi(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Csi = null };
    }

    /// <summary>Sets <c>spec.cluster.metricsServer</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetMetricsServer(this KSailClusterSettings settings, Toggle value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { MetricsServer = value };
    }

    /// <summary>Resets <c>spec.cluster.metricsServer</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetMetricsServer(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { MetricsServer = null };
    }

    /// <summary>Sets <c>spec.cluster.loadBalancer</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetLoadBalancer(this KSailClusterSettings settings, Toggle value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { LoadBalancer = value };
    }

    /// <summary>Resets <c>spec.cluster.loadBalancer</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetLoadBalancer(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { LoadBalancer = null };
    }

    /// <summary>Sets <c>spec.cluster.certManager</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetCertManager(this KSailClusterSettings settings, EnabledDisabled value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { CertManager = value };
    }

    /// <summary>Resets <c>spec.cluster.certManager</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetCertManager(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { CertManager = null };
    }

    /// <summary>Sets <c>spec.cluster.policyEngine</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetPolicyEngine(this KSailClusterSettings settings, PolicyEngine value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { PolicyEngine = value };
    }

    /// <summary>Resets <c>spec.cluster.policyEngine</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetPolicyEngine(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { PolicyEngine = null };
    }

    /// <summary>Sets <c>spec.cluster.gitOpsEngine</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetGitOpsEngine(this KSailClusterSettings settings, GitOpsEngine value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { GitOpsEngine = value };
    }

    /// <summary>Resets <c>spec.cluster.gitOpsEngine</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetGitOpsEngine(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { GitOpsEngine = null };
    }

    /// <summary>Sets <c>spec.cluster.connection.kubeconfig</c>, the kubeconfig file the context is written to.</summary>
    [Pure]
    public static KSailClusterSettings SetKubeconfig(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Kubeconfig = value };
    }

    /// <summary>Resets <c>spec.cluster.connection.kubeconfig</c>, the kubeconfig file the context is written to (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetKubeconfig(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Kubeconfig = null };
    }

    /// <summary>Sets <c>spec.cluster.connection.timeout</c>, a Go duration such as <c>10m</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetTimeout(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Timeout = value };
    }

    /// <summary>Resets <c>spec.cluster.connection.timeout</c>, a Go duration such as <c>10m</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetTimeout(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Timeout = null };
    }

    /// <summary>Sets <c>spec.cluster.teardown</c>.</summary>
    [Pure]
    public static KSailClusterSettings SetTeardown(this KSailClusterSettings settings, TeardownPolicy value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Teardown = value };
    }

    /// <summary>Resets <c>spec.cluster.teardown</c> (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetTeardown(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Teardown = null };
    }

    /// <summary>Sets the file KSailKubeconfig writes the kubeconfig to, alone.</summary>
    [Pure]
    public static KSailClusterSettings SetKubeconfigOutput(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { KubeconfigOutput = value };
    }

    /// <summary>Resets the file KSailKubeconfig writes the kubeconfig to, alone (unset: taken from the environment, ksail.yaml or the defaults).</summary>
    [Pure]
    public static KSailClusterSettings ResetKubeconfigOutput(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { KubeconfigOutput = null };
    }

    /// <summary>Sets <c>spec.cluster.connection.timeout</c> from a time span (written as a Go duration in seconds, e.g. <c>90s</c>).</summary>
    [Pure]
    public static KSailClusterSettings SetTimeout(this KSailClusterSettings settings, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        return settings with { Timeout = string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###}s") };
    }

    /// <summary>Sets the environment <c>KSAIL_*</c> values are read from (instead of this process's).</summary>
    [Pure]
    public static KSailClusterSettings SetEnvironment(this KSailClusterSettings settings, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Environment = environment?.ToImmutableDictionary(StringComparer.Ordinal) };
    }

    /// <summary>Sets one variable of the environment <c>KSAIL_*</c> values are read from (starting from this process's when none was set).</summary>
    [Pure]
    public static KSailClusterSettings SetEnvironmentVariable(this KSailClusterSettings settings, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var environment = (settings.Environment ?? KSail.Core.Configuration.ClusterLoadOptions.ReadProcessEnvironment()).ToImmutableDictionary(StringComparer.Ordinal);
        return settings with { Environment = environment.SetItem(name, value) };
    }

    /// <summary>Resets the environment to this process's.</summary>
    [Pure]
    public static KSailClusterSettings ResetEnvironment(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Environment = null };
    }

    /// <summary>Sets any ksail.yaml field by its dotted path, e.g. <c>spec.workload.sourceDirectory</c>, to a value written as in YAML.</summary>
    [Pure]
    public static KSailClusterSettings SetField(this KSailClusterSettings settings, string path, string value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(value);
        return settings with { Fields = Fields(settings).SetItem(path, value) };
    }

    /// <summary>Resets one field set by <see cref="SetField"/>.</summary>
    [Pure]
    public static KSailClusterSettings ResetField(this KSailClusterSettings settings, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Fields = Fields(settings).Remove(path) };
    }

    /// <summary>Resets every field set by <see cref="SetField"/>.</summary>
    [Pure]
    public static KSailClusterSettings ResetFields(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Fields = Fields(settings).Clear() };
    }

    /// <summary>Sets whether what was created is kept when a step fails.</summary>
    [Pure]
    public static KSailClusterSettings SetKeepOnFailure(this KSailClusterSettings settings, bool value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { KeepOnFailure = value };
    }

    /// <summary>Resets <see cref="KSailClusterSettings.KeepOnFailure"/> (false: a failed create cleans up).</summary>
    [Pure]
    public static KSailClusterSettings ResetKeepOnFailure(this KSailClusterSettings settings) => settings.SetKeepOnFailure(false);

    /// <summary>Keeps what was created when a step fails, for debugging.</summary>
    [Pure]
    public static KSailClusterSettings EnableKeepOnFailure(this KSailClusterSettings settings) => settings.SetKeepOnFailure(true);

    /// <summary>Cleans up when a step fails (the default).</summary>
    [Pure]
    public static KSailClusterSettings DisableKeepOnFailure(this KSailClusterSettings settings) => settings.SetKeepOnFailure(false);

    /// <summary>Flips <see cref="KSailClusterSettings.KeepOnFailure"/>.</summary>
    [Pure]
    public static KSailClusterSettings ToggleKeepOnFailure(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.SetKeepOnFailure(!settings.KeepOnFailure);
    }

    /// <summary>Sets what a create does when a cluster of that name exists.</summary>
    [Pure]
    public static KSailClusterSettings SetIfExists(this KSailClusterSettings settings, ExistingClusterPolicy value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { IfExists = value };
    }

    /// <summary>Resets <see cref="KSailClusterSettings.IfExists"/> to refusing.</summary>
    [Pure]
    public static KSailClusterSettings ResetIfExists(this KSailClusterSettings settings) => settings.SetIfExists(ExistingClusterPolicy.Refuse);

    private static ImmutableSortedDictionary<string, string> Fields(KSailClusterSettings settings) =>
        settings.Fields as ImmutableSortedDictionary<string, string> ?? settings.Fields.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
