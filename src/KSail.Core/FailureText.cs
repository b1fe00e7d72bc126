using System.Text.Json;
using k8s.Autorest;

namespace KSail.Core;

/// <summary>What to tell the user about a failure.</summary>
public static class FailureText
{
    /// <summary>
    /// The exception's message; for an answer of the Kubernetes API that was not a success, also
    /// what the API said (<see cref="ApiMessage"/>), which the client's message ("Operation returned
    /// an invalid status code 'Forbidden'") leaves out.
    /// </summary>
    public static string Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is HttpOperationException answer && ApiMessage(answer) is { } said ? $"{error.Message}: {said}" : error.Message;
    }

    /// <summary>
    /// What the Kubernetes API said in a failed answer: its Status message (e.g. why a request was
    /// forbidden), else the first line of the body; null when the body is empty.
    /// </summary>
    public static string? ApiMessage(HttpOperationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var content = error.Response?.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var status = JsonDocument.Parse(content);
            if (status.RootElement.ValueKind == JsonValueKind.Object
                && status.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
        }

        var line = content.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
