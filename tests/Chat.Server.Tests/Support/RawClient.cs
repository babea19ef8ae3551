using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server.Tests.Support;

/// <summary>
/// A client that speaks the protocol by hand over a plain socket: it can send any bytes, answer
/// pings or not, stop reading, and reset the connection — what a misbehaving client does.
/// </summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <param name="port">The server's port on 127.0.0.1.</param>
    /// <param name="receiveBufferSize">A small receive buffer, for a client that stops reading.</param>
    /// <param name="from">
    /// The address to connect from, such as 127.0.0.2 for "another address" (Linux routes all of
    /// 127.0.0.0/8 to the loopback interface); 127.0.0.1 when omitted.
    /// </param>
    public static async Task<RawClient> ConnectAsync(int port, int? receiveBufferSize = null, IPAddress? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size; // before connecting, so that the advertised window stays small
        }

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WithTimeout();
        return new RawClient(socket);
    }

    /// <summary>The body length of the last frame <see cref="ReceiveAsync()"/> read.</summary>
    /// <summary>The client's end of the connection (its port is what the server's users list shows).</summary>
    public System.Net.EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    public int LastFrameLength { get; private set; }

    public Task SendAsync(ChatMessage message) => SendBytesAsync(MessageSerializer.ToFrame(message));

    /// <summary>Sends a frame whose body is written by hand, in hex.</summary>
    public Task SendBodyAsync(string hex)
    {
        var body = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var frame = new byte[ProtocolInfo.FramePrefixLength + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, ProtocolInfo.FramePrefixLength);
        return SendBytesAsync(frame);
    }

    /// <summary>Closes the sending direction (TCP FIN), as a client that has said all it will.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public async Task SendBytesAsync(byte[] bytes) =>
        await _stream.WriteAsync(bytes).AsTask().WithTimeout();

    /// <summary>Says hello and returns the server's answer (a welcome, a rejection, or anything else it sent first).</summary>
    public async Task<ChatMessage?> HelloAsync(string name, int protocolVersion = ProtocolInfo.Version, string password = "")
    {
        await SendAsync(new Hello(protocolVersion, name, "RawClient", "1.0") { Password = password });
        return await ReceiveAsync();
    }

    /// <summary>Joins the room, failing the test unless the server welcomes the client.</summary>
    public async Task<Welcome> JoinAsync(string name) => Assert.IsType<Welcome>(await HelloAsync(name));

    /// <summary>Reads the next message; <see langword="null"/> when the server closed the connection cleanly.</summary>
    public async Task<ChatMessage?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        var prefix = new byte[ProtocolInfo.FramePrefixLength];
        var read = await _stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, timeout.Token);
        if (read == 0)
        {
            return null;
        }

        if (read < prefix.Length)
        {
            throw new EndOfStreamException("The server closed the connection in the middle of a frame prefix.");
        }

        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix)];
        await _stream.ReadExactlyAsync(body, timeout.Token);
        LastFrameLength = body.Length;
        return MessageSerializer.Decode(body);
    }

    /// <summary>Reads until a message of type <typeparamref name="T"/> arrives, skipping others.</summary>
    public async Task<T> ReceiveAsync<T>(Func<T, bool>? match = null)
        where T : ChatMessage
    {
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new EndOfStreamException($"The server closed the connection before a {typeof(T).Name} arrived.");
            if (message is T wanted && (match?.Invoke(wanted) ?? true))
            {
                return wanted;
            }
        }
    }

    /// <summary>
    /// Reads everything until the server closes the connection, cleanly or with a reset.
    /// </summary>
    /// <returns>The messages received and whether the end was a reset.</returns>
    public async Task<(List<ChatMessage> Messages, bool Reset)> ReadToEndAsync()
    {
        var messages = new List<ChatMessage>();
        try
        {
            while (await ReceiveAsync() is { } message)
            {
                messages.Add(message);
            }

            return (messages, false);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return (messages, true);
        }
    }

    /// <summary>Tears the connection down with a TCP reset, as a crashed client or a pulled cable would look.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
