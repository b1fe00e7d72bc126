using System.CommandLine;
using System.Text.Json;

namespace KSail.Cli.Commands;

/// <summary>The <c>--output text|json</c> option the reporting commands share.</summary>
internal static class OutputFormats
{
    /// <summary>camelCase, indented, without HTML escaping (the output goes to a terminal or a script, never a web page).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A new <c>--output</c>/<c>-o</c> option (text by default).</summary>
    public static Option<OutputFormat> CreateOption() => new("--output", "-o")
    {
        Description = "The output format: text or json.",
        DefaultValueFactory = _ => OutputFormat.Text,
    };
}
