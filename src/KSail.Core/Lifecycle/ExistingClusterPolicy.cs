namespace KSail.Core.Lifecycle;

/// <summary>What a create does when a cluster of the same name exists already.</summary>
public enum ExistingClusterPolicy
{
    /// <summary>Fail (exit 5), naming the existing nodes; nothing is touched.</summary>
    Refuse,

    /// <summary>Use the existing cluster (starting its nodes if stopped) when it is of the declared distribution.</summary>
    Reuse,

    /// <summary>Delete the existing cluster, then create the declared one.</summary>
    Recreate,
}
