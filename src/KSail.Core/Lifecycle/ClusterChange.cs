using KSail.Core.Components;

namespace KSail.Core.Lifecycle;

/// <summary>One changed field of the declared spec.</summary>
/// <param name="Field">The field, as ksail.yaml or the native config names it (<c>spec.cluster.metricsServer</c>, <c>k3d.agents</c>).</param>
/// <param name="From">Its value when the cluster was created (or last updated).</param>
/// <param name="To">Its declared value now.</param>
/// <param name="Class">What the change takes.</param>
/// <param name="Action">What applying it does.</param>
/// <param name="Detail">What happens, in the user's words.</param>
public sealed record ClusterChange(string Field, string From, string To, ChangeClass Class, ChangeAction Action, string Detail)
{
    /// <summary>Whether <c>cluster update</c> applies it to the running cluster.</summary>
    public bool CanApply => Class == ChangeClass.InPlace && Action != ChangeAction.NotBuilt;

    /// <summary>Components to uninstall, in order.</summary>
    public IReadOnlyList<ComponentDefinition> Uninstall { get; init; } = [];

    /// <summary>Components to install, in order.</summary>
    public IReadOnlyList<ComponentDefinition> Install { get; init; } = [];
}
