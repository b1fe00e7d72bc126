using System.Collections.Concurrent;
using System.Text.Json;
using KSail.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace KSail.Cli.Tests.Mcp;

/// <summary>
/// The built ksail program started as an MCP client starts it (<c>dotnet ksail.dll open mcp</c>, the
/// child process of the SDK's <see cref="StdioClientTransport"/>), in a working directory of the
/// test's and the clean environment every throw-away process of the tests gets, with the SDK's own
/// <see cref="McpClient"/> connected to it over stdio.
/// </summary>
internal sealed class McpServerProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> standardError;

    private McpServerProcess(McpClient client, ConcurrentQueue<string> standardError)
    {
        Client = client;
        this.standardError = standardError;
    }

    /// <summary>The SDK's client, initialized (the server answered <c>initialize</c>).</summary>
    public McpClient Client { get; }

    /// <summary>What the server wrote to standard error so far (its logs; never the protocol).</summary>
    public string StandardError => string.Join('\n', standardError);

    /// <summary>
    /// Starts <c>ksail <paramref name="command"/></c> (by default <c>open mcp</c>) in
    /// <paramref name="workingDirectory"/> with the clean environment plus <paramref name="environment"/>,
    /// and connects the SDK's client to it.
    /// </summary>
    public static async Task<McpServerProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, string[]? command = null)
    {
        // The same start as every other ksail process of the tests (SIGINT and SIGTERM at their
        // default disposition, the clean environment), given to the SDK's transport to run.
        var start = DotnetRun.StartInfo(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "ksail.dll"), .. command ?? ["open", "mcp"]], environment: environment);
        var errors = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "ksail",
            Command = start.FileName,
            Arguments = [.. start.ArgumentList],
            WorkingDirectory = workingDirectory,
            InheritEnvironmentVariables = false,
            EnvironmentVariables = start.Environment.ToDictionary(e => e.Key, e => e.Value),
            StandardErrorLines = errors.Enqueue,
        });

        var client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
        return new McpServerProcess(client, errors);
    }

    /// <summary>Calls <paramref name="tool"/> with <paramref name="arguments"/> (JSON values: strings, booleans, arrays of strings).</summary>
    public async Task<CallToolResult> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null, CancellationToken? ct = null) =>
        await Client.CallToolAsync(tool, arguments, progress, cancellationToken: ct ?? TestContext.Current.CancellationToken);

    /// <summary>The text of a tool result: its text content blocks, one per line.</summary>
    public static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>What a test prints when a result is not what it expected: error flag, text, structured content and the server's log.</summary>
    public string Describe(CallToolResult result) =>
        $"isError: {result.IsError}\ntext: {Text(result)}\nstructuredContent: {(result.StructuredContent is { } json ? JsonSerializer.Serialize(json) : "none")}\nserver stderr:\n{StandardError}";

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
