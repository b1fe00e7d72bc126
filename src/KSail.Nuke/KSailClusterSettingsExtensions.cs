using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using KSail.Core.Lifecycle;

namespace KSail.Nuke;

/// <summary>
/// NUKE-style modifiers of <see cref="KSailClusterSettings"/>: each returns a changed copy and
/// leaves the settings it was called on as they were, so one base can serve several targets. The
/// <c>Set…</c> and <c>Reset…</c> of each field of the field table are generated
/// (KSailClusterSettingsExtensions.Generated.cs); this part holds the rest.
/// </summary>
public static partial class KSailClusterSettingsExtensions
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

    /// <summary>Sets the reference the workload is pushed to, oci://host:port/repository[/variant]:ref.</summary>
    [Pure]
    public static KSailClusterSettings SetWorkloadReference(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkloadReference = value };
    }

    /// <summary>Resets the reference the workload is pushed to, oci://host:port/repository[/variant]:ref (unset: found as the CLI finds it).</summary>
    [Pure]
    public static KSailClusterSettings ResetWorkloadReference(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkloadReference = null };
    }

    /// <summary>Sets the directory of manifests the workload push packs.</summary>
    [Pure]
    public static KSailClusterSettings SetWorkloadPath(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkloadPath = value };
    }

    /// <summary>Resets the directory of manifests the workload push packs (unset: found as the CLI finds it).</summary>
    [Pure]
    public static KSailClusterSettings ResetWorkloadPath(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkloadPath = null };
    }

    /// <summary>Sets the registry the workload is pushed to, [user:pass@]host[:port][/path].</summary>
    [Pure]
    public static KSailClusterSettings SetWorkloadRegistry(this KSailClusterSettings settings, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkloadRegistry = value };
    }

    /// <summary>Resets the registry the workload is pushed to, [user:pass@]host[:port][/path] (unset: found as the CLI finds it).</summary>
    [Pure]
    public static KSailClusterSettings ResetWorkloadRegistry(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WorkloadRegistry = null };
    }

    /// <summary>Sets how long the workload reconcile waits for the pushed revision.</summary>
    [Pure]
    public static KSailClusterSettings SetReconcileTimeout(this KSailClusterSettings settings, TimeSpan? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ReconcileTimeout = value };
    }

    /// <summary>Resets how long the workload reconcile waits for the pushed revision (unset: found as the CLI finds it).</summary>
    [Pure]
    public static KSailClusterSettings ResetReconcileTimeout(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { ReconcileTimeout = null };
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

    /// <summary>Adds a pull-through mirror, <c>[user:${PASSWORD_VARIABLE}@]host[=upstream]</c> (the CLI's <c>--mirror-registry</c>).</summary>
    [Pure]
    public static KSailClusterSettings AddMirrorRegistry(this KSailClusterSettings settings, string mirror)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(mirror);
        return settings with { MirrorRegistries = settings.MirrorRegistries.Add(mirror) };
    }

    /// <summary>Resets <see cref="KSailClusterSettings.MirrorRegistries"/> (none).</summary>
    [Pure]
    public static KSailClusterSettings ResetMirrorRegistries(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { MirrorRegistries = [] };
    }

    /// <summary>Sets whether a delete also removes the volumes of the cluster's registries.</summary>
    [Pure]
    public static KSailClusterSettings SetDeleteStorage(this KSailClusterSettings settings, bool value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { DeleteStorage = value };
    }

    /// <summary>Makes a delete remove the volumes of the cluster's registries (the CLI's <c>--delete-storage</c>).</summary>
    [Pure]
    public static KSailClusterSettings EnableDeleteStorage(this KSailClusterSettings settings) => settings.SetDeleteStorage(true);

    /// <summary>Resets <see cref="KSailClusterSettings.DeleteStorage"/> (false: a delete keeps the registries' volumes).</summary>
    [Pure]
    public static KSailClusterSettings ResetDeleteStorage(this KSailClusterSettings settings) => settings.SetDeleteStorage(false);

    /// <summary>Sets the images imported from the host's Docker once the cluster runs (<see cref="KSailClusterSettings.Images"/>).</summary>
    [Pure]
    public static KSailClusterSettings SetImages(this KSailClusterSettings settings, params string[] images)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(images);
        return settings with { Images = [.. images] };
    }

    /// <summary>Adds images to those imported from the host's Docker once the cluster runs.</summary>
    [Pure]
    public static KSailClusterSettings AddImages(this KSailClusterSettings settings, params string[] images)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(images);
        return settings with { Images = [.. settings.Images, .. images] };
    }

    /// <summary>Imports no images from the host's Docker (the default).</summary>
    [Pure]
    public static KSailClusterSettings ClearImages(this KSailClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { Images = [] };
    }

    private static ImmutableSortedDictionary<string, string> Fields(KSailClusterSettings settings) =>
        settings.Fields as ImmutableSortedDictionary<string, string> ?? settings.Fields.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
