using System.Text.RegularExpressions;

namespace KSail.Core.Configuration.Yaml;

/// <summary>
/// Expands <c>${VAR}</c>, <c>${VAR:-default}</c> and <c>${VAR:=default}</c> in values, as KSail
/// does, except that a variable that is unset and has no default is an error naming where it is
/// used, rather than silently becoming empty.
/// </summary>
internal sealed partial class VariableExpander
{
    private readonly Func<string, string?> lookup;
    private readonly DiagnosticBag diagnostics;

    /// <summary>Creates an expander reading variables through <paramref name="lookup"/>.</summary>
    public VariableExpander(Func<string, string?> lookup, DiagnosticBag diagnostics)
    {
        this.lookup = lookup;
        this.diagnostics = diagnostics;
    }

    /// <summary>The expanded text, or null when a variable could not be resolved (the problem is reported).</summary>
    public string? Expand(string text, SourceLocation location, string path)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var failed = false;
        var result = Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var value = lookup(name);
            if (value is not null)
            {
                return value;
            }

            if (match.Groups["op"].Success)
            {
                return match.Groups["default"].Value;
            }

            failed = true;
            diagnostics.Error(
                location,
                $"{path} uses the environment variable {name}, which is not set; set it, or give a default as ${{{name}:-value}}");
            return match.Value;
        });
        return failed ? null : result;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:=)(?<default>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
