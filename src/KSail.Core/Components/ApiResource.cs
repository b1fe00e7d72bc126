namespace KSail.Core.Components;

/// <summary>Where the API serves a kind: its resource name and whether it is namespaced.</summary>
/// <param name="GroupVersion">e.g. <c>apps/v1</c> or <c>v1</c>.</param>
/// <param name="Plural">The resource, e.g. <c>deployments</c>.</param>
/// <param name="Namespaced">Whether objects of the kind live in a namespace.</param>
public sealed record ApiResource(string GroupVersion, string Plural, bool Namespaced)
{
    /// <summary>The collection path, in <paramref name="namespace"/> when the kind is namespaced.</summary>
    public string CollectionPath(string? @namespace) =>
        (GroupVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" : "/api/") + GroupVersion
        + (Namespaced ? $"/namespaces/{Uri.EscapeDataString(@namespace ?? "default")}" : string.Empty) + "/" + Plural;
}
