using System.CommandLine;
using System.Reflection;
using KSail.Core;
using KSail.Core.Configuration;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace KSail.Cli.Mcp;

/// <summary>
/// <c>ksail open mcp</c>: a Model Context Protocol server on stdio (KSail's pkg/svc/mcp). Its tools are
/// <see cref="McpTools.From"/> of the command tree; a call runs its command line in this process
/// through <see cref="KSailCli.RunAsync(RootCommand, string[], CliContext, CancellationToken)"/>, with a
/// tree and a <see cref="CliContext"/> of its own whose output is captured, so the command behaves as
/// typed and nothing but the protocol reaches standard output.
/// </summary>
internal static class KSailMcpServer
{
    /// <summary>The JSON Schema of ksail.yaml.</summary>
    public const string SchemaUri = "ksail://schema/ksail.yaml";

    /// <summary>The nearest ksail.yaml at or above the server's directory.</summary>
    public const string ConfigUri = "ksail://config/ksail.yaml";

    /// <summary>Serves on this process's standard input and output until the client goes or <paramref name="ct"/> is cancelled.</summary>
    public static async Task RunStdioAsync(CliContext context, Func<CliContext, RootCommand> build, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(build);

        // Standard output is the protocol's (the transport writes to the stream itself): anything else
        // written with Console goes to standard error.
        Console.SetOut(Console.Error);
        using var calls = new McpRunningCalls();
        var options = CreateOptions(context, build, calls);
        var input = new McpInputStream(Console.OpenStandardInput(), calls.Cancel);
        var transport = new StreamServerTransport(input, Console.OpenStandardOutput(), "ksail", loggerFactory: null);
        await using (transport.ConfigureAwait(false))
        {
            var server = McpServer.Create(transport, options);
            await using (server.ConfigureAwait(false))
            {
                try
                {
                    await server.RunAsync(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: the server stops.
                }

                // The client is gone or the server was stopped: the calls were cancelled; they clean up before the process ends.
                await calls.CancelAndWaitAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The server's options: its name and version, the generated tools, the resources; the calls run in <paramref name="calls"/>.</summary>
    public static McpServerOptions CreateOptions(CliContext context, Func<CliContext, RootCommand> build, McpRunningCalls calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(build);
        var tools = McpTools.From(build(Captured(context, TextWriter.Null, TextWriter.Null, null)));
        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "ksail", Title = "KSail.NET", Version = Version },
            ServerInstructions = "KSail.NET creates and manages declared Kubernetes clusters (kind-, k3d- and kwokctl-compatible) on Docker from ksail.yaml in the server's directory. Read the resource ksail://schema/ksail.yaml before writing a ksail.yaml.",
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability(), Resources = new ResourcesCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. tools.Select(t => t.Tool)] }),
                CallToolHandler = (request, ct) => calls.RunAsync(token => CallAsync(context, build, tools, request, token), ct),
                ListResourcesHandler = (_, _) => ValueTask.FromResult(new ListResourcesResult { Resources = Resources() }),
                ReadResourceHandler = (request, _) => ValueTask.FromResult(Read(context, request.Params?.Uri)),
            },
        };
    }

    private static string Version =>
        typeof(KSailMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static CliContext Captured(CliContext context, TextWriter output, TextWriter error, IProgress<ProgressEvent>? progress) =>
        CliContext.Plain(output, error, context.WorkingDirectory, context.Environment) with { ProgressSink = progress, ChildOutput = TextWriter.Synchronized(output) };

    private static async ValueTask<CallToolResult> CallAsync(
        CliContext context, Func<CliContext, RootCommand> build, IReadOnlyList<McpToolDefinition> tools, RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        var name = request.Params?.Name;
        var tool = tools.FirstOrDefault(t => t.Name == name)
            ?? throw new McpProtocolException($"Unknown tool: '{name}'", McpErrorCode.InvalidParams);
        IReadOnlyList<string> line;
        try
        {
            line = McpTools.CommandLine(tool, request.Params!.Arguments);
        }
        catch (McpToolInputException ex)
        {
            return McpCallResults.Failure(ExitCodes.Usage, [$"error: {ex.Message}"], output: null);
        }

        if (Refused(line) is { } refusal)
        {
            return McpCallResults.Failure(ExitCodes.Usage, [$"error: {refusal}"], output: null);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var progress = new McpCallProgress(request.Server, request.Params.ProgressToken, ct);
        var call = Captured(context, output, error, progress);
        var code = await KSailCli.RunAsync(build(call), [.. line], call, ct).ConfigureAwait(false);
        await progress.FlushAsync().ConfigureAwait(false);
        var errors = Lines(error.ToString());
        return code == ExitCodes.Success
            ? McpCallResults.Success(line, output.ToString(), [.. progress.Warnings, .. errors])
            : McpCallResults.Failure(code, [.. progress.Warnings, .. errors], output.ToString());
    }

    // A tool result never carries a secret: the kubeconfig (its client key) only goes to a file.
    private static string? Refused(IReadOnlyList<string> line) =>
        line is ["cluster", "kubeconfig", ..] && !line.Contains("--output") && !line.Contains("--merge")
            ? "cluster kubeconfig would return the cluster's client key: give 'output' (a file to write it to) or 'merge' (a kubeconfig to merge it into)"
            : null;

    private static List<Resource> Resources() =>
    [
        new Resource { Uri = SchemaUri, Name = "ksail.schema.json", Title = "JSON Schema of ksail.yaml", Description = "The JSON Schema a ksail.yaml validates against (as 'ksail project schema' prints it).", MimeType = "application/schema+json" },
        new Resource { Uri = ConfigUri, Name = "ksail.yaml", Title = "The current ksail.yaml", Description = "The nearest ksail.yaml at or above the server's directory: the declaration the tools use by default.", MimeType = "text/yaml" },
    ];

    private static ReadResourceResult Read(CliContext context, string? uri)
    {
        switch (uri)
        {
            case SchemaUri:
                return new ReadResourceResult { Contents = [new TextResourceContents { Uri = SchemaUri, MimeType = "application/schema+json", Text = ClusterConfigSchema.Generate() }] };
            case ConfigUri:
                var file = ClusterConfigLoader.FindNearest(context.WorkingDirectory)
                    ?? throw new McpProtocolException($"No {ClusterConfigLoader.FileName} at or above {context.WorkingDirectory}; create one with the project_write tool (init).", McpErrorCode.ResourceNotFound);
                return new ReadResourceResult { Contents = [new TextResourceContents { Uri = ConfigUri, MimeType = "text/yaml", Text = File.ReadAllText(file) }] };
            default:
                throw new McpProtocolException($"Unknown resource: '{uri}'; this server has {SchemaUri} and {ConfigUri}", McpErrorCode.ResourceNotFound);
        }
    }

    private static List<string> Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0)];
}
