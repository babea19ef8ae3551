using System.Net;
using System.Net.Sockets;

namespace Chat.Testing;

/// <summary>
/// A TCP relay on 127.0.0.1 between clients and a server, that a test controls: it can cut every
/// connection through it at once (as a network failure would), drop the clients' ends only and
/// leave the server talking to nobody (a ghost session, as when a client's network vanishes
/// without a word), refuse new connections for a while (an unreachable server), and send new ones
/// to another port (a restarted server). A client that reconnects to the relay's <see cref="Port"/>
/// finds whatever the test put behind it.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _open = [];
    private readonly HashSet<Socket> _abandoned = [];
    private readonly HashSet<Socket> _clientEnds = [];
    private readonly Task _accepting;
    private volatile int _targetPort;
    private volatile bool _refusing;

    private TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections have been relayed to a server so far.</summary>
    public int Relayed { get; private set; }

    /// <summary>Starts relaying to the server on <paramref name="targetPort"/>.</summary>
    public static TcpRelay Start(int targetPort) => new(targetPort);

    /// <summary>Sends new connections to another server; those open stay where they are.</summary>
    public void RelayTo(int targetPort) => _targetPort = targetPort;

    /// <summary>While on, each new connection is closed as soon as it is accepted.</summary>
    public void Refuse(bool refusing) => _refusing = refusing;

    /// <summary>
    /// Closes the clients' ends of every connection and keeps the servers' ends open, reading and
    /// discarding what the server sends, until <see cref="CutAll"/>: the server does not learn that
    /// the clients are gone.
    /// </summary>
    public void AbandonClients()
    {
        lock (_open)
        {
            foreach (var socket in _open.Where(s => !_abandoned.Contains(s) && IsClientEnd(s)))
            {
                _abandoned.Add(socket);
                socket.Dispose();
            }
        }
    }

    /// <summary>Closes every connection through the relay, both ends, at once.</summary>
    public void CutAll()
    {
        Socket[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
            _abandoned.Clear();
            _clientEnds.Clear();
        }

        foreach (var socket in open)
        {
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting.WaitAsync(TestTimeout.Value);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stopping.Token);
                if (_refusing)
                {
                    client.Dispose();
                    continue;
                }

                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _targetPort), _stopping.Token);
                }
                catch (SocketException)
                {
                    server.Dispose();
                    client.Dispose();
                    continue;
                }

                lock (_open)
                {
                    _open.Add(client);
                    _open.Add(server);
                    _clientEnds.Add(client);
                }

                Relayed++;
                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The relay is stopping.
        }
    }

    private bool IsAbandoned(Socket socket)
    {
        lock (_open)
        {
            return _abandoned.Contains(socket);
        }
    }

    private bool IsClientEnd(Socket socket) => _clientEnds.Contains(socket);

    /// <summary>Copies one direction until either end goes; then closes both, as a cut cable would leave them.</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    break;
                }

                if (!IsAbandoned(to))
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        if (IsAbandoned(from))
        {
            return; // The client's end went on purpose; the server's end stays open until CutAll.
        }

        lock (_open)
        {
            _open.Remove(from);
            _open.Remove(to);
            _clientEnds.Remove(from);
            _clientEnds.Remove(to);
        }

        from.Dispose();
        to.Dispose();
    }
}
