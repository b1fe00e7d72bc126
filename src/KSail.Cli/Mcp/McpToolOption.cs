using System.CommandLine;

namespace KSail.Cli.Mcp;

/// <summary>One option of a command as a property of its tool's input.</summary>
/// <param name="Property">The property: the option's long name without dashes (<c>if-exists</c>).</param>
/// <param name="Option">The option it sets.</param>
/// <param name="JsonType">Its JSON Schema type: boolean, integer, string or array (of strings).</param>
/// <param name="Values">The values it takes (an enum), or null.</param>
internal sealed record McpToolOption(string Property, Option Option, string JsonType, IReadOnlyList<string>? Values);
