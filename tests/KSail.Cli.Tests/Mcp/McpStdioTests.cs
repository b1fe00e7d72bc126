using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// The server's standard output carries the protocol and nothing else (a client reads every line as
/// JSON-RPC): read here raw, without the SDK, while the server answers a command that prints text
/// on the command line. The server ends when its client closes standard input.
/// </summary>
public sealed class McpStdioTests
{
    [Fact]
    public async Task Standard_output_is_only_JSON_RPC_and_the_server_ends_with_its_input()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var start = DotnetRun.StartInfo(dir.Path, [Path.Combine(AppContext.BaseDirectory, "ksail.dll"), "open", "mcp"]);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);

        // initialize, initialized, tools/list, and 'version' (which prints its text to stdout on the command line)
        foreach (var message in new[]
                 {
                     """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                     """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
                     """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
                     """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"version","arguments":{}}}""",
                 })
        {
            await process.StandardInput.WriteLineAsync(message.AsMemory(), ct);
        }

        await process.StandardInput.FlushAsync(ct);

        // Every line read until the answer to the call is a JSON-RPC message
        var answered = new HashSet<int>();
        var lines = new List<string>();
        while (!answered.Contains(3) && await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            lines.Add(line);
            using var json = JsonDocument.Parse(line);
            Assert.Equal("2.0", json.RootElement.GetProperty("jsonrpc").GetString());
            if (json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
            {
                answered.Add(id.GetInt32());
            }
        }

        Assert.True(answered.SetEquals([1, 2, 3]), $"answers to {string.Join(", ", answered)} of 1, 2, 3:\n{string.Join('\n', lines)}");
        // The call's answer carries what 'ksail version' prints, not a line of it on stdout
        using (var call = JsonDocument.Parse(lines.Single(l => l.Contains("\"id\":3", StringComparison.Ordinal))))
        {
            var result = call.RootElement.GetProperty("result");
            Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.ToString());
            Assert.Contains(RuntimeInformation.RuntimeIdentifier, result.ToString(), StringComparison.Ordinal);
        }

        // When the client closes its end, the server ends, and writes nothing more than protocol
        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
        }

        Assert.True(process.ExitCode == ExitCodes.Success, $"exit {process.ExitCode}: {await stderr}");
    }
}
