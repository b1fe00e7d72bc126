namespace KSail.Core.Lifecycle;

/// <summary>What a change of the declared spec takes, in KSail's classes.</summary>
public enum ChangeClass
{
    /// <summary>Applied to the running cluster (components, KSail's own settings).</summary>
    InPlace,

    /// <summary>Applied by restarting the nodes.</summary>
    RebootRequired,

    /// <summary>Only a new cluster has it: delete and create again.</summary>
    RecreateRequired,
}
