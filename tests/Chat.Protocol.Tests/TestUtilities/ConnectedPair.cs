using System.Net;
using System.Net.Sockets;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>
/// Two connected <see cref="ChatConnection"/>s, in memory, or over real TCP (or TLS) on 127.0.0.1 with a
/// port of the system's choosing. Disposing disposes both ends (and the listener).
/// </summary>
internal sealed class ConnectedPair : IAsyncDisposable
{
    private readonly ChatListener? _listener;

    private ConnectedPair(ChatConnection client, ChatConnection server, ChatListener? listener)
    {
        Client = client;
        Server = server;
        _listener = listener;
    }

    /// <summary>The end that connected.</summary>
    public ChatConnection Client { get; }

    /// <summary>The end that was accepted.</summary>
    public ChatConnection Server { get; }

    public IPEndPoint? ListenerEndPoint => _listener?.LocalEndPoint;

    public static async Task<ConnectedPair> CreateAsync(TransportKind kind, ChatConnectionOptions? options = null)
    {
        if (kind == TransportKind.Memory)
        {
            var (client, server) = ChatConnection.CreatePair(options);
            return new ConnectedPair(client, server, null);
        }

        var endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        var listener = kind == TransportKind.Tls
            ? ChatListener.BindTls(endPoint, new ChatServerCertificate(TestCertificates.Localhost), options)
            : ChatListener.Bind(endPoint, options);
        var clientOptions = kind == TransportKind.Tls
            ? (options ?? ChatConnectionOptions.Default) with { Tls = ChatTlsOptions.Pinned(ChatTlsOptions.FingerprintOf(TestCertificates.Localhost)) }
            : options;
        try
        {
            var accepting = listener.AcceptAsync().AsTask();
            var connected = await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, clientOptions).WithTimeout();
            var accepted = await accepting.WithTimeout();
            return new ConnectedPair(connected, accepted, listener);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A TCP pair over sockets with chosen kernel buffer sizes, wrapped with <see cref="ChatConnection.FromSocket"/>.
    /// </summary>
    public static async Task<ConnectedPair> CreateTcpAsync(ChatConnectionOptions options, int clientSendBuffer, int serverReceiveBuffer)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.ReceiveBufferSize = serverReceiveBuffer; // inherited by the accepted socket
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = clientSendBuffer };
        try
        {
            var accepting = listener.AcceptAsync();
            await client.ConnectAsync(listener.LocalEndPoint!).WithTimeout();
            var server = await accepting.WithTimeout();
            return new ConnectedPair(ChatConnection.FromSocket(client, options), ChatConnection.FromSocket(server, options), null);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Abort rather than close: a test that failed half-way must not wait for a graceful close.
        Client.Abort("test over");
        Server.Abort("test over");
        await Client.DisposeAsync().WithTimeout();
        await Server.DisposeAsync().WithTimeout();
        if (_listener is not null)
        {
            await _listener.DisposeAsync().WithTimeout();
        }
    }
}
