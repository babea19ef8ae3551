using System.Net;
using System.Net.Sockets;

namespace Chat.Protocol.Wire;

/// <summary>
/// Listens for TCP connections and hands each one over as a <see cref="ChatConnection"/>.
/// </summary>
/// <remarks>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools; an app talks to a server through <see cref="ChatClient"/>.</remarks>
public sealed class ChatListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ChatConnectionOptions _options;
    private readonly ChatServerCertificate? _certificate;
    private int _disposed;

    private ChatListener(Socket socket, ChatConnectionOptions options, ChatServerCertificate? certificate)
    {
        _socket = socket;
        _options = options;
        _certificate = certificate;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port actually bound: with port 0, the port the system chose.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Starts listening.</summary>
    /// <param name="endPoint">The address and port to listen on; port 0 lets the system choose a free port.</param>
    /// <param name="options">Settings for every accepted connection; <see cref="ChatConnectionOptions.Default"/> when omitted.</param>
    /// <param name="backlog">How many connections may wait to be accepted.</param>
    /// <returns>The listener.</returns>
    /// <exception cref="ChatException">The address cannot be bound (in use, not permitted, not this machine's), described in words.</exception>
    public static ChatListener Bind(IPEndPoint endPoint, ChatConnectionOptions? options = null, int backlog = 512) =>
        Listen(endPoint, options, backlog, certificate: null);

    /// <summary>
    /// Starts listening for TLS connections (TLS 1.2 and 1.3). Each accepted connection runs its
    /// TLS handshake on its own, so a slow or silent client never holds up accepting; a
    /// connection that begins in plaintext is told <see cref="ErrorCode.TlsRequired"/>, in
    /// plaintext, when it is first read (<see cref="ChatConnection.ReceiveAsync"/> throws a
    /// <see cref="ChatProtocolException"/> with that code; send the client its
    /// <see cref="ErrorMessage"/> and close).
    /// </summary>
    /// <param name="endPoint">The address and port to listen on; port 0 lets the system choose a free port.</param>
    /// <param name="certificate">The certificate every new connection presents; it may be replaced while the listener runs.</param>
    /// <param name="options">Settings for every accepted connection; <see cref="ChatConnectionOptions.Default"/> when omitted.</param>
    /// <param name="backlog">How many connections may wait to be accepted.</param>
    /// <returns>The listener.</returns>
    /// <exception cref="ChatException">The address cannot be bound (in use, not permitted, not this machine's), described in words.</exception>
    public static ChatListener BindTls(IPEndPoint endPoint, ChatServerCertificate certificate, ChatConnectionOptions? options = null, int backlog = 512)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Listen(endPoint, options, backlog, certificate);
    }

    private static ChatListener Listen(IPEndPoint endPoint, ChatConnectionOptions? options, int backlog, ChatServerCertificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        options ??= ChatConnectionOptions.Default;
        options.Validate();

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true; // "::" listens on IPv4 too.
            }

            socket.Bind(endPoint);
            socket.Listen(backlog);
            return new ChatListener(socket, options, certificate);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ChatException(DescribeBindFailure(endPoint, ex), ex);
        }
    }

    /// <summary>Waits for the next connection.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The accepted connection.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The listener was disposed.</exception>
    /// <exception cref="SocketException">Accepting failed (for example, out of file descriptors); the listener remains usable.</exception>
    public async ValueTask<ChatConnection> AcceptAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        try
        {
            var socket = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            return _certificate is null
                ? ChatConnection.FromSocket(socket, _options)
                : ChatConnection.AcceptTls(socket, _options, _certificate);
        }
        catch (SocketException ex) when (_disposed == 1 || ex.SocketErrorCode == SocketError.OperationAborted)
        {
            throw new ObjectDisposedException(nameof(ChatListener), ex);
        }
    }

    /// <summary>Stops listening. Connections already accepted are not affected.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string DescribeBindFailure(IPEndPoint endPoint, SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"Cannot listen on {endPoint}: the port is already in use.",
        SocketError.AccessDenied => $"Cannot listen on {endPoint}: permission denied (ports below 1024 need privileges).",
        SocketError.AddressNotAvailable => $"Cannot listen on {endPoint}: {endPoint.Address} is not an address of this machine.",
        _ => $"Cannot listen on {endPoint}: the system refused ({ex.SocketErrorCode}).",
    };
}
