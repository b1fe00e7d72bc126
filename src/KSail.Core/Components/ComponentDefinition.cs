using System.Text.Json.Nodes;
using KSail.Core.Configuration;

namespace KSail.Core.Components;

/// <summary>A component KSail.NET installs: its pinned upstream files and how they are made fit for the cluster.</summary>
/// <param name="Name">The component, e.g. <c>metrics-server</c> (also its label value).</param>
/// <param name="Setting">The ksail.yaml choice that selects it, as <see cref="ComponentChoice.Component"/> names it.</param>
/// <param name="Phase">When it is installed.</param>
/// <param name="Version">The upstream version.</param>
/// <param name="Files">The pinned upstream files, in apply order.</param>
/// <param name="Namespace">The namespace for namespaced objects that name none (and created when the files bring none).</param>
/// <param name="Transform">Changes made to the upstream objects (as a kustomize overlay or a CLI install would), or null.</param>
public sealed record ComponentDefinition(
    string Name,
    string Setting,
    ComponentPhase Phase,
    string Version,
    IReadOnlyList<PinnedFile> Files,
    string? Namespace = null,
    Func<IReadOnlyList<JsonObject>, IReadOnlyList<JsonObject>>? Transform = null);
