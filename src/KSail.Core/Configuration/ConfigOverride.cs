namespace KSail.Core.Configuration;

/// <summary>
/// A value set from outside ksail.yaml: a command-line argument or an API caller (highest
/// precedence), or a <c>KSAIL_*</c> environment variable (above the file).
/// </summary>
/// <param name="Path">The dotted ksail.yaml path, e.g. <c>spec.cluster.workers</c>.</param>
/// <param name="Value">The value as it would be written in YAML.</param>
/// <param name="Origin">Where it came from, for messages.</param>
public sealed record ConfigOverride(string Path, string Value, SourceLocation Origin)
{
    /// <summary>A value given by an argument (e.g. <c>--workers</c>).</summary>
    public static ConfigOverride FromArgument(string path, string value, string argument) =>
        new(path, value, SourceLocation.FromArgument(argument));
}
