using Cake.Core.IO;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>
/// Fluent setters for <see cref="KSailClusterSettings"/>, in Cake's style: each sets a field and returns
/// the same settings. The <c>With…</c> helper of each field of the field table is generated
/// (KSailClusterSettingsExtensions.Generated.cs); this part holds the rest.
/// </summary>
public static partial class KSailClusterSettingsExtensions
{
    /// <summary>Uses this ksail.yaml.</summary>
    public static KSailClusterSettings WithConfigFile(this KSailClusterSettings settings, FilePath configFile) => Set(settings, s => s.ConfigFile = configFile);

    /// <summary>Starts relative paths (and the search for ksail.yaml) in this directory.</summary>
    public static KSailClusterSettings WithWorkingDirectory(this KSailClusterSettings settings, DirectoryPath workingDirectory) => Set(settings, s => s.WorkingDirectory = workingDirectory);

    /// <summary>Keeps (or not) what was created when a step of the create fails.</summary>
    public static KSailClusterSettings WithKeepOnFailure(this KSailClusterSettings settings, bool keepOnFailure = true) => Set(settings, s => s.KeepOnFailure = keepOnFailure);

    /// <summary>Sets what a create does when a cluster of that name exists.</summary>
    public static KSailClusterSettings WithIfExists(this KSailClusterSettings settings, ExistingClusterPolicy ifExists) => Set(settings, s => s.IfExists = ifExists);

    /// <summary>Adds a pull-through mirror, <c>[user:${PASSWORD_VARIABLE}@]host[=upstream]</c> (the CLI's <c>--mirror-registry</c>).</summary>
    public static KSailClusterSettings WithMirrorRegistry(this KSailClusterSettings settings, string mirror)
    {
        ArgumentException.ThrowIfNullOrEmpty(mirror);
        return Set(settings, s => s.MirrorRegistries.Add(mirror));
    }

    /// <summary>Makes a delete remove (or keep) the volumes of the cluster's registries (the CLI's <c>--delete-storage</c>).</summary>
    public static KSailClusterSettings WithDeleteStorage(this KSailClusterSettings settings, bool deleteStorage = true) => Set(settings, s => s.DeleteStorage = deleteStorage);

    /// <summary>Imports these images from the host's Docker into the cluster once it runs (<see cref="KSailClusterSettings.Images"/>).</summary>
    public static KSailClusterSettings WithImages(this KSailClusterSettings settings, params string[] images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Set(settings, s =>
        {
            foreach (var image in images)
            {
                s.Images.Add(image);
            }
        });
    }

    /// <summary>Pushes the workload to this reference, <c>oci://host:port/repository[/variant]:ref</c> (<see cref="KSailClusterSettings.WorkloadReference"/>).</summary>
    public static KSailClusterSettings WithWorkloadReference(this KSailClusterSettings settings, string reference) => Set(settings, s => s.WorkloadReference = reference);

    /// <summary>Pushes the manifests of this directory (<see cref="KSailClusterSettings.WorkloadPath"/>).</summary>
    public static KSailClusterSettings WithWorkloadPath(this KSailClusterSettings settings, DirectoryPath path) => Set(settings, s => s.WorkloadPath = path);

    /// <summary>Pushes to this registry, <c>[user:pass@]host[:port][/path]</c> (<see cref="KSailClusterSettings.WorkloadRegistry"/>).</summary>
    public static KSailClusterSettings WithWorkloadRegistry(this KSailClusterSettings settings, string registry) => Set(settings, s => s.WorkloadRegistry = registry);

    /// <summary>Waits this long for the GitOps engine to report the pushed revision (<see cref="KSailClusterSettings.ReconcileTimeout"/>).</summary>
    public static KSailClusterSettings WithReconcileTimeout(this KSailClusterSettings settings, TimeSpan timeout) => Set(settings, s => s.ReconcileTimeout = timeout);

    /// <summary>Sets any ksail.yaml field by its dotted path, e.g. <c>SetValue("spec.workload.sourceDirectory", "deploy")</c>.</summary>
    public static KSailClusterSettings SetValue(this KSailClusterSettings settings, string path, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(value);
        return Set(settings, s => s.Values[path] = value);
    }

    private static KSailClusterSettings Set(KSailClusterSettings settings, Action<KSailClusterSettings> set)
    {
        ArgumentNullException.ThrowIfNull(settings);
        set(settings);
        return settings;
    }
}
