namespace KSail.Core.Configuration;

/// <summary>What a cluster gets for one component.</summary>
/// <param name="Phase">When it is installed.</param>
/// <param name="Component">The component, e.g. <c>CNI</c>.</param>
/// <param name="Setting">The setting in ksail.yaml, e.g. <c>Default</c>.</param>
/// <param name="Outcome">What that means for this distribution, e.g. <c>kindnetd (kind's default CNI)</c>.</param>
public sealed record ComponentChoice(ComponentPhase Phase, string Component, string Setting, string Outcome);
