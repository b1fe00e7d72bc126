namespace KSail.Core.Lifecycle;

/// <summary>What applying an in-place change does.</summary>
public enum ChangeAction
{
    /// <summary>Nothing in the cluster changes; only the saved spec does (teardown, timeouts, workload settings).</summary>
    SaveOnly,

    /// <summary>Installs a component KSail.NET manages.</summary>
    Install,

    /// <summary>Uninstalls a component KSail.NET installed.</summary>
    Uninstall,

    /// <summary>Replaces one component by another (the GitOps engine): uninstall, then install.</summary>
    Replace,

    /// <summary>Adds or removes worker nodes (k3d agents) of the running cluster.</summary>
    ScaleWorkers,

    /// <summary>In place by KSail's classes, but applying it is not built in KSail.NET yet.</summary>
    NotBuilt,

    /// <summary>Not applied in place: the cluster must be recreated (or its nodes restarted).</summary>
    None,
}
