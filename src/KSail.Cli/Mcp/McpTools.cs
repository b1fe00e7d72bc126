using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Cli.Commands;
using ModelContextProtocol.Protocol;

namespace KSail.Cli.Mcp;

/// <summary>
/// The tools of <c>ksail open mcp</c>, generated from the command tree as KSail's pkg/toolgen does
/// (consolidate.go, schema.go): a top-level command with subcommands gives <c>X_read</c> and
/// <c>X_write</c> (each when it gets a subcommand), whose <c>command</c> parameter is the subcommand
/// (nested ones joined with <c>_</c>) and whose properties are the union of the subcommands' options;
/// a top-level command without subcommands gives one tool named after it. Hidden commands and those
/// marked <see cref="CommandTools.ExcludeFromTools{T}"/> are left out. Read or write comes from
/// <see cref="CommandTools.Annotate{T}"/>, inherited by subcommands, write when none is set.
/// </summary>
internal static class McpTools
{
    /// <summary>The parameter that picks a grouped tool's subcommand.</summary>
    public const string CommandParameter = "command";

    /// <summary>The parameter of positional arguments.</summary>
    public const string ArgsParameter = "args";

    // KSail's appliesToThreshold: an option on fewer than half of a tool's subcommands names them.
    private const double AppliesToThreshold = 0.5;

    private static readonly HashSet<string> NotProperties = new(StringComparer.Ordinal) { "--help", KSailCli.QuietOption, KSailCli.VerboseOption, "--version" };

    /// <summary>The tools of <paramref name="root"/>, in the order of its commands, read before write.</summary>
    public static IReadOnlyList<McpToolDefinition> From(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var tools = new List<McpToolDefinition>();
        foreach (var top in root.Subcommands.Where(Included))
        {
            var permission = CommandTools.TraitsOf(top)?.Permission ?? ToolPermission.Write;
            if (top.Subcommands.Count == 0)
            {
                var single = Subcommand(top.Name, [top.Name], top);
                tools.Add(Single(top, permission, single));
                continue;
            }

            var read = new SortedDictionary<string, McpSubcommand>(StringComparer.Ordinal);
            var write = new SortedDictionary<string, McpSubcommand>(StringComparer.Ordinal);
            Walk(top, [top.Name], string.Empty, permission, (sub, p) => (p == ToolPermission.Read ? read : write)[sub.Key] = sub);
            if (read.Count > 0)
            {
                tools.Add(Grouped(top, ToolPermission.Read, read));
            }

            if (write.Count > 0)
            {
                tools.Add(Grouped(top, ToolPermission.Write, write));
            }
        }

        return tools;
    }

    /// <summary>
    /// The command line (after <c>ksail</c>) a call of <paramref name="tool"/> with <paramref name="arguments"/> runs.
    /// </summary>
    /// <exception cref="McpToolInputException">No or an unknown subcommand, a property the subcommand does not take, or a value of the wrong type.</exception>
    public static IReadOnlyList<string> CommandLine(McpToolDefinition tool, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var given = new Dictionary<string, JsonElement>(arguments ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        McpSubcommand sub;
        if (tool.Grouped)
        {
            if (!given.Remove(CommandParameter, out var chosen) || chosen.ValueKind != JsonValueKind.String)
            {
                throw new McpToolInputException($"'{CommandParameter}' is required: one of {string.Join(", ", tool.Subcommands.Keys)}");
            }

            if (!tool.Subcommands.TryGetValue(chosen.GetString()!, out sub!))
            {
                throw new McpToolInputException($"'{chosen.GetString()}' is not a subcommand of {tool.Name}: use one of {string.Join(", ", tool.Subcommands.Keys)}");
            }
        }
        else
        {
            sub = tool.Subcommands.Values.Single();
        }

        var line = new List<string>(sub.Path);
        List<string> positional = [];
        foreach (var (property, value) in given.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (property == ArgsParameter && sub.AcceptsArgs)
            {
                positional.AddRange(Strings(property, value));
                continue;
            }

            var option = sub.Options.FirstOrDefault(o => o.Property == property)
                ?? throw new McpToolInputException($"'{property}' does not apply to '{string.Join(' ', sub.Path)}'{(sub.Options.Count == 0 && !sub.AcceptsArgs ? ", which takes no input" : $"; it takes {string.Join(", ", sub.Options.Select(o => o.Property).Concat(sub.AcceptsArgs ? [ArgsParameter] : []))}")}");
            foreach (var text in Values(option, value))
            {
                line.Add(option.Option.Name);
                line.Add(text);
            }
        }

        if (sub.JsonOutput is { } json)
        {
            line.Add(json.Name);
            line.Add("json");
        }

        if (positional.Count > 0)
        {
            line.Add("--");
            line.AddRange(positional);
        }

        return line;
    }

    private static bool Included(Command command) => !command.Hidden && CommandTools.TraitsOf(command)?.Excluded != true;

    // Every visible subcommand below parent: leaves, and groups that run something themselves (KSail's walkSubcommands).
    private static void Walk(Command parent, IReadOnlyList<string> path, string prefix, ToolPermission inherited, Action<McpSubcommand, ToolPermission> sink)
    {
        foreach (var command in parent.Subcommands.Where(Included))
        {
            var key = prefix.Length == 0 ? command.Name : $"{prefix}_{command.Name}";
            var permission = CommandTools.TraitsOf(command)?.Permission ?? inherited;
            var commandPath = path.Append(command.Name).ToList();
            if (command.Subcommands.Count == 0 || command.Action is not null)
            {
                sink(Subcommand(key, commandPath, command), permission);
            }

            Walk(command, commandPath, key, permission, sink);
        }
    }

    private static McpSubcommand Subcommand(string key, IReadOnlyList<string> path, Command command)
    {
        var traits = CommandTools.TraitsOf(command);
        var jsonOutput = command.Options.FirstOrDefault(o => o.ValueType == typeof(OutputFormat));
        var options = command.Options
            .Where(o => !o.Hidden && o is not HelpOption && !NotProperties.Contains(o.Name) && o != jsonOutput)
            .Select(Property)
            .ToList();
        var destructive = traits?.Destructive == true || command.Name is "delete" or "update";
        return new McpSubcommand(key, path, command, options, jsonOutput, destructive, traits?.Idempotent == true);
    }

    private static McpToolOption Property(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type == typeof(bool))
        {
            return new(option.Name.TrimStart('-'), option, "boolean", null);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new(option.Name.TrimStart('-'), option, "integer", null);
        }

        if (type.IsEnum)
        {
            // The values help shows (HelpName a|b) when the option narrows them, else the enum's names.
            var values = option.HelpName is { } shown && shown.Contains('|', StringComparison.Ordinal) ? shown.Split('|') : Enum.GetNames(type);
            return new(option.Name.TrimStart('-'), option, "string", values);
        }

        return type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable))
            ? new(option.Name.TrimStart('-'), option, "array", null)
            : new(option.Name.TrimStart('-'), option, "string", null);
    }

    private static McpToolDefinition Single(Command command, ToolPermission permission, McpSubcommand sub)
    {
        var properties = new JsonObject();
        foreach (var option in sub.Options)
        {
            properties[option.Property] = Schema(option, option.Option.Description ?? string.Empty);
        }

        if (sub.AcceptsArgs)
        {
            properties[ArgsParameter] = ArgsSchema();
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = sub.Options.Where(o => o.Option.Required).Select(o => (JsonNode?)o.Property).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        var tool = new Tool
        {
            Name = command.Name,
            Title = Title(command.Name),
            Description = command.Description,
            InputSchema = JsonSerializer.SerializeToElement(schema),
            Annotations = Annotations(command.Name, permission, sub.Destructive, sub.Idempotent),
        };
        return new McpToolDefinition(tool, permission, Grouped: false, new Dictionary<string, McpSubcommand> { [command.Name] = sub });
    }

    private static McpToolDefinition Grouped(Command group, ToolPermission permission, SortedDictionary<string, McpSubcommand> subcommands)
    {
        var name = $"{group.Name}_{(permission == ToolPermission.Read ? "read" : "write")}";
        var properties = new JsonObject
        {
            [CommandParameter] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(subcommands.Keys.Select(k => (JsonNode?)k).ToArray()),
                ["description"] = "The subcommand to execute. Options:\n" + string.Join("\n", subcommands.Values.Select(s => $"{s.Key}: {s.Command.Description}")),
            },
        };

        // The union of the subcommands' options; the first (by key) gives the type, each description names where it applies.
        foreach (var byProperty in subcommands.Values.SelectMany(s => s.Options.Select(o => (Sub: s.Key, Option: o))).GroupBy(x => x.Option.Property, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var users = byProperty.Select(x => x.Sub).ToList();
            var descriptions = byProperty.GroupBy(x => x.Option.Option.Description ?? string.Empty, StringComparer.Ordinal).ToList();
            var description = descriptions.Count == 1
                ? descriptions[0].Key + ((double)users.Count / subcommands.Count < AppliesToThreshold ? $" (applies to: {string.Join(", ", users)})" : string.Empty)
                : string.Join(" ", descriptions.Select(d => $"{string.Join(", ", d.Select(x => x.Sub))}: {d.Key}"));
            properties[byProperty.Key] = Schema(byProperty.First().Option, description);
        }

        if (subcommands.Values.Any(s => s.AcceptsArgs))
        {
            var takers = subcommands.Values.Where(s => s.AcceptsArgs).Select(s => s.Key).ToList();
            var args = ArgsSchema();
            if ((double)takers.Count / subcommands.Count < AppliesToThreshold)
            {
                args["description"] += $" (applies to: {string.Join(", ", takers)})";
            }

            properties[ArgsParameter] = args;
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray(CommandParameter) };
        var tool = new Tool
        {
            Name = name,
            Title = Title(name),
            Description = permission == ToolPermission.Read
                ? $"{group.Description} Read-only: {string.Join(", ", subcommands.Keys)}."
                : $"{group.Description} Changes things: {string.Join(", ", subcommands.Keys)}.",
            InputSchema = JsonSerializer.SerializeToElement(schema),
            Annotations = Annotations(name, permission, subcommands.Values.Any(s => s.Destructive), subcommands.Values.Any(s => s.Idempotent)),
        };
        return new McpToolDefinition(tool, permission, Grouped: true, subcommands);
    }

    private static JsonObject ArgsSchema() => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject { ["type"] = "string" },
        ["description"] = "Positional arguments for the command",
    };

    private static JsonObject Schema(McpToolOption option, string description)
    {
        var schema = new JsonObject { ["type"] = option.JsonType, ["description"] = description };
        if (option.JsonType == "array")
        {
            schema["items"] = new JsonObject { ["type"] = "string" };
        }

        if (option.Values is { } values)
        {
            schema["enum"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
        }

        if (option.Option.HasDefaultValue && option.Option.GetDefaultValue() is { } value && value is not false && value is not System.Collections.ICollection { Count: 0 })
        {
            schema["default"] = value switch
            {
                int number => number,
                long number => number,
                bool flag => flag,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        return schema;
    }

    // KSail's hints (pkg/toolgen/generator.go buildAnnotationHints): every tool may reach beyond this machine (registries, images).
    private static ToolAnnotations Annotations(string name, ToolPermission permission, bool destructive, bool idempotent) => permission == ToolPermission.Read
        ? new ToolAnnotations { Title = Title(name), ReadOnlyHint = true, DestructiveHint = false, IdempotentHint = true, OpenWorldHint = true }
        : new ToolAnnotations { Title = Title(name), ReadOnlyHint = false, DestructiveHint = destructive, IdempotentHint = idempotent, OpenWorldHint = true };

    // cluster_read -> Cluster Read (KSail's SnakeCaseToTitle).
    private static string Title(string name) =>
        string.Join(' ', name.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static List<string> Values(McpToolOption option, JsonElement value) => option.JsonType switch
    {
        "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => [value.GetBoolean() ? "true" : "false"],
        "integer" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) => [number.ToString(CultureInfo.InvariantCulture)],
        "array" => Strings(option.Property, value),
        "string" when value.ValueKind == JsonValueKind.String => [value.GetString()!],
        _ => throw new McpToolInputException($"'{option.Property}' must be {(option.JsonType == "integer" ? "an" : "a")} {option.JsonType}, not {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}"),
    };

    private static List<string> Strings(string property, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw new McpToolInputException($"'{property}' must be an array of strings; {item.GetRawText()} is not a string"))],
        JsonValueKind.String => [value.GetString()!],
        _ => throw new McpToolInputException($"'{property}' must be an array of strings, not {value.GetRawText()}"),
    };
}
