using System.Net;
using System.Net.Sockets;

namespace KSail.Testing;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real server (an API server of the test bed) that resets
/// the first connections it accepts, as an API server that is still starting or restarting does,
/// and forwards every later connection byte for byte. With no target it resets every connection:
/// a dead HTTP proxy that counts who tried it.
/// </summary>
public sealed class DroppingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint? target;
    private readonly int drop;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int accepted;

    /// <summary>Starts the proxy: the first <paramref name="drop"/> connections are reset, later ones go to <paramref name="target"/>.</summary>
    public DroppingTcpProxy(IPEndPoint? target, int drop)
    {
        this.target = target;
        this.drop = target is null ? int.MaxValue : drop;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>The connections reset so far.</summary>
    public int Dropped => Math.Min(Accepted, drop);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        try
        {
            await accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref accepted) <= drop)
            {
                // RST, not FIN: the peer sees "connection reset", as from a server that went away.
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(target!, stopping.Token).ConfigureAwait(false);
                using var toServer = new NetworkStream(client, ownsSocket: false);
                using var toClient = new NetworkStream(server, ownsSocket: false);
                await Task.WhenAny(Pump(toServer, toClient), Pump(toClient, toServer)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
            {
                // One side went away: so does the other.
            }
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to)
    {
        try
        {
            await from.CopyToAsync(to, stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
