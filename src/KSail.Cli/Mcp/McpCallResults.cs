using System.Text.Json;
using System.Text.Json.Nodes;
using KSail.Core;
using ModelContextProtocol.Protocol;

namespace KSail.Cli.Mcp;

/// <summary>
/// A command's outcome as a tool result. Success: the JSON document the command prints with
/// <c>--output json</c> as <c>structuredContent</c> (an array wrapped as <c>{"items": [...]}</c>, since
/// structured content is an object), and its output as text. Failure (a non-zero exit code):
/// <c>isError</c>, the CLI's error lines and <c>exit code N: meaning</c> as text, and
/// <c>{"exitCode", "meaning", "errors", "output"?}</c> as <c>structuredContent</c>.
/// </summary>
internal static class McpCallResults
{
    /// <summary>What an exit code means (README's "Exit codes").</summary>
    public static string Meaning(int exitCode) => exitCode switch
    {
        ExitCodes.Success => "success",
        ExitCodes.Usage => "usage error",
        ExitCodes.InvalidConfiguration => "invalid configuration",
        ExitCodes.ProviderUnavailable => "Docker unavailable",
        ExitCodes.ProvisioningFailed => "provisioning failed",
        ExitCodes.ReadinessTimedOut => "readiness timed out",
        ExitCodes.Cancelled => "cancelled",
        _ => "unexpected error",
    };

    /// <summary>A command that exited 0.</summary>
    public static CallToolResult Success(IReadOnlyList<string> line, string output, IReadOnlyList<string> notes)
    {
        var text = output.Trim();
        var document = Json(text);
        List<ContentBlock> content = [new TextContentBlock { Text = text.Length > 0 ? text : $"ksail {string.Join(' ', line)}: done" }];
        if (notes.Count > 0)
        {
            content.Add(new TextContentBlock { Text = string.Join('\n', notes) });
        }

        return new CallToolResult
        {
            Content = content,
            StructuredContent = document is null ? null : JsonSerializer.SerializeToElement(document is JsonObject ? document : new JsonObject { ["items"] = document }),
        };
    }

    /// <summary>A command that exited <paramref name="exitCode"/> (or was refused before it ran, as a usage error).</summary>
    public static CallToolResult Failure(int exitCode, IReadOnlyList<string> errors, string? output)
    {
        var meaning = Meaning(exitCode);
        var structured = new JsonObject
        {
            ["exitCode"] = exitCode,
            ["meaning"] = meaning,
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode?)e)]),
        };
        if (Json(output?.Trim() ?? string.Empty) is { } document)
        {
            structured["output"] = document;
        }
        else if (!string.IsNullOrWhiteSpace(output))
        {
            structured["output"] = output.Trim();
        }

        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = string.Join('\n', [.. errors, $"exit code {exitCode}: {meaning}"]) }],
            StructuredContent = JsonSerializer.SerializeToElement(structured),
        };
    }

    // The output as a JSON document when it is one (a command run with --output json).
    private static JsonNode? Json(string text)
    {
        if (text.Length == 0 || text[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
