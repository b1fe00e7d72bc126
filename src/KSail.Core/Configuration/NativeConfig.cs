namespace KSail.Core.Configuration;

/// <summary>A distribution's native config (kind.yaml, k3d.yaml) as read, with where its values are.</summary>
/// <param name="Model">The typed config (the distribution's own model), or its defaults when no file exists.</param>
/// <param name="File">The file it was read from (full path), or null for the defaults.</param>
/// <param name="Locations">Where each value is, by its dotted path.</param>
public sealed record NativeConfig(object Model, string? File, IReadOnlyDictionary<string, SourceLocation> Locations)
{
    /// <summary>Where <paramref name="path"/> is declared; else the file's start; else <paramref name="fallback"/>.</summary>
    public SourceLocation At(string path, SourceLocation fallback) =>
        Locations.TryGetValue(path, out var location) ? location : File is null ? fallback : SourceLocation.StartOf(File);
}
