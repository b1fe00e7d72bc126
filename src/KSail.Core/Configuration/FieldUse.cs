using System.Text.RegularExpressions;

namespace KSail.Core.Configuration;

/// <summary>
/// What KSail.NET does with every field of a config file (ksail.yaml, kind.yaml, k3d.yaml): each is
/// handled (acted on, or checked and refused or warned about by the loader's own rules), or has no
/// effect here and is named in a warning when set. No field is read and then ignored in silence:
/// <c>FieldUseTests</c> walks every property of each model and fails for a field that is neither.
/// </summary>
/// <remarks>
/// Paths are dotted, with <c>[]</c> for any item of a list (<c>nodes[].extraMounts[].hostPath</c>);
/// a path without effect covers the fields below it (<c>registries</c> covers <c>registries.create.name</c>).
/// </remarks>
public sealed partial class FieldUse
{
    /// <summary>Declares the use of every field of one file.</summary>
    /// <param name="handled">The fields acted on, or checked by the loader's own rules (leaves: scalars, lists of scalars, maps).</param>
    /// <param name="withoutEffect">The fields (or subtrees) that have no effect here, with why.</param>
    public FieldUse(IEnumerable<string> handled, IEnumerable<(string Path, string Why)> withoutEffect)
    {
        Handled = handled.ToHashSet(StringComparer.Ordinal);
        WithoutEffect = withoutEffect.ToList();
    }

    /// <summary>The fields acted on or checked, by path pattern.</summary>
    public IReadOnlySet<string> Handled { get; }

    /// <summary>The fields or subtrees without effect here, by path pattern, with why.</summary>
    public IReadOnlyList<(string Path, string Why)> WithoutEffect { get; }

    /// <summary>The pattern of a concrete path: list indexes become <c>[]</c> (<c>nodes[1].role</c> → <c>nodes[].role</c>).</summary>
    public static string Pattern(string path) => Index().Replace(path, "[]");

    /// <summary>Whether <paramref name="pattern"/> is handled, or it or a field above it has no effect (and so is warned about).</summary>
    public bool Covers(string pattern) =>
        Handled.Contains(pattern) || WithoutEffect.Any(w => pattern == w.Path || pattern.StartsWith(w.Path + ".", StringComparison.Ordinal) || pattern.StartsWith(w.Path + "[", StringComparison.Ordinal));

    /// <summary>
    /// Warns once for each field without effect that the file sets (<paramref name="locations"/>:
    /// where each value read is, by concrete path), at its place in <paramref name="file"/>.
    /// </summary>
    public void Warn(IReadOnlyDictionary<string, SourceLocation> locations, string file, Action<SourceLocation, string> warn)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(warn);
        foreach (var (path, location) in locations.OrderBy(l => l.Value.Line).ThenBy(l => l.Value.Column))
        {
            var pattern = Pattern(path);
            if (WithoutEffect.FirstOrDefault(w => w.Path == pattern) is { Path: not null } entry)
            {
                warn(location, $"{path} in {file} has no effect in KSail.NET ({entry.Why}); it is read and ignored");
            }
        }
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
