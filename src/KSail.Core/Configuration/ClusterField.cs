namespace KSail.Core.Configuration;

/// <summary>
/// One ksail.yaml field a run can set over the file, with how each surface names it: the CLI's
/// option, Cake's <c>KSailClusterSettings</c> property and <c>With…</c> helper, NUKE's property and
/// <c>Set…</c>/<c>Reset…</c> extensions, and MSBuild's <c>KSail…</c> property. The CLI reads the table
/// (<see cref="ClusterFields.All"/>) as it starts; the Cake, NUKE and MSBuild surfaces are generated
/// from it by <c>build/cluster-fields.sh</c>.
/// </summary>
/// <param name="Name">The surfaces' name for the field, e.g. <c>Workers</c> (<c>WithWorkers</c>, <c>SetWorkers</c>, <c>KSailWorkers</c>).</param>
/// <param name="Path">The dotted ksail.yaml path, e.g. <c>spec.cluster.workers</c>.</param>
/// <param name="Option">The CLI's option, e.g. <c>--workers</c>.</param>
/// <param name="Alias">The option's short alias (KSail's, e.g. <c>-n</c>), or null.</param>
/// <param name="Kind">The kind of value, which decides its type on each surface.</param>
/// <param name="Summary">What the field is, as a phrase for documentation, e.g. "the number of worker nodes".</param>
/// <param name="Description">The CLI option's help text, choices included.</param>
public sealed record ClusterField(string Name, string Path, string Option, string? Alias, ClusterFieldKind Kind, string Summary, string Description)
{
    /// <summary>For <see cref="ClusterFieldKind.Choice"/>: the enum of ksail.yaml whose names the field takes.</summary>
    public Type? Choices { get; init; }

    /// <summary>The MSBuild property that sets the field: <c>KSail</c> and <see cref="Name"/>, e.g. <c>KSailWorkers</c>.</summary>
    public string MSBuildProperty => "KSail" + Name;
}
