using KSail.Testing;

namespace KSail.Cli.Tests.Mcp;

/// <summary>One <c>ksail open mcp</c> shared by the tests of a class, in a scratch working directory of its own.</summary>
public sealed class McpServerFixture : IAsyncLifetime
{
    private McpServerProcess? server;

    /// <summary>The server's working directory.</summary>
    public ScratchDirectory Directory { get; } = new();

    /// <summary>The running server and its client.</summary>
    internal McpServerProcess Server => server ?? throw new InvalidOperationException("the server is not started");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => server = await McpServerProcess.StartAsync(Directory.Path);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Dispose();
    }
}
